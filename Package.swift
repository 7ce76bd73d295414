// swift-tools-version: 6.2
import PackageDescription

// Host and plugins depend only on the products of the AnacondaKit package, which are `.dynamic`: the plugin
// API then exists once per process, shared by the host and every dlopen'd plugin.
let pluginAPI: Target.Dependency = .product(name: "AnacondaPluginAPI", package: "AnacondaKit")
let authLibrary: Target.Dependency = .product(name: "AnacondaAuth", package: "AnacondaAuth")
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "anaconda",
    products: [
        .executable(name: "anaconda", targets: ["anaconda"]),
        // The `auth` plugin (`anaconda auth ...`, `anaconda sites ...`), loaded by the host with dlopen.
        .library(name: "AnacondaAuthPlugin", type: .dynamic, targets: ["AuthPlugin"]),
    ],
    dependencies: [
        .package(path: "AnacondaKit"),
        .package(path: "AnacondaKit/AnacondaAuth"),
    ],
    targets: [
        .executableTarget(
            name: "anaconda",
            dependencies: ["AnacondaHost", pluginAPI],
            swiftSettings: strict,
            // An installed host finds libAnacondaPluginAPI.so in <prefix>/lib.
            linkerSettings: [.unsafeFlags(["-Xlinker", "-rpath=$ORIGIN/../lib"])]
        ),
        .target(name: "AnacondaHost", dependencies: [pluginAPI], swiftSettings: strict),
        .target(name: "AuthPlugin", dependencies: [pluginAPI, authLibrary], path: "Plugins/Auth", swiftSettings: strict),
        .testTarget(name: "AnacondaPluginAPITests", dependencies: [pluginAPI]),
        .testTarget(name: "AnacondaHostTests", dependencies: ["AnacondaHost", pluginAPI]),
        .testTarget(name: "AnacondaAuthTests", dependencies: [authLibrary, pluginAPI]),
        // Runs the real `anaconda` binary (and the example plugin package's libraries) end to end.
        .testTarget(name: "EndToEndTests", dependencies: [pluginAPI, "CPseudoTerminal"]),
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        // Test support: stores and reads logins through TokenStore (storage tests run many at once).
        .executableTarget(name: "keyring-probe", dependencies: [authLibrary, pluginAPI], path: "Tests/KeyringProbe"),
    ]
)
