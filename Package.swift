// swift-tools-version: 6.2
import PackageDescription

// The manifest has three parts: what ships (the host and the first-party plugins), the local server (test and
// demo support, with its own dependencies), and the tests and tools.
//
// The shared libraries are sibling packages under Packages/, each named after its product and `.dynamic`: the
// plugin API (and AnacondaCore under it) then exists once per process, shared by the host and every dlopen'd plugin.
let pluginAPI: Target.Dependency = .product(name: "AnacondaPluginAPI", package: "AnacondaPluginAPI")
let authLibrary: Target.Dependency = .product(name: "AnacondaAuth", package: "AnacondaAuth")
let httpTransport: Target.Dependency = .product(name: "AnacondaHTTPTransport", package: "AnacondaHTTPTransport")
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]
// Installed as <prefix>/lib/anaconda/plugins/anaconda/lib<Plugin>.so: the shared libraries are in <prefix>/lib,
// found directly instead of by the host's retry after a failed dlopen.
let pluginRunPath: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "-rpath=$ORIGIN/../../.."])]

// MARK: - What ships: the host and the first-party plugins

let package = Package(
    name: "anaconda",
    products: [
        .executable(name: "anaconda", targets: ["anaconda"]),
        // The `auth` plugin (`anaconda auth ...`, `anaconda sites ...`), loaded by the host with dlopen.
        .library(name: "AnacondaAuthPlugin", type: .dynamic, targets: ["AuthPlugin"]),
        // The `token` plugin (`anaconda token ...`): repository tokens and conda's configuration.
        .library(name: "AnacondaTokenPlugin", type: .dynamic, targets: ["TokenPlugin"]),
    ],
    dependencies: [
        .package(path: "Packages/AnacondaPluginAPI"),
        .package(path: "Packages/AnacondaAuth"),
        .package(path: "Packages/AnacondaHTTPTransport"),
        // The token plugin reads and checks `.condarc` with a real YAML parser.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
        .target(
            name: "AuthPlugin", dependencies: [pluginAPI, authLibrary], path: "Plugins/Auth", swiftSettings: strict,
            linkerSettings: pluginRunPath),
        .target(
            name: "TokenPlugin",
            dependencies: [pluginAPI, authLibrary, .product(name: "Yams", package: "Yams")], path: "Plugins/Token",
            swiftSettings: strict, linkerSettings: pluginRunPath),
    ]
)

// MARK: - The local Anaconda server (tests, the demos, the benchmarks)

// Never linked into the host, the plugins or the tests: they run `anaconda-local-server` as a process.
package.dependencies += [
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
]
package.targets += [
    .target(
        name: "AnacondaLocalServer",
        dependencies: [
            pluginAPI,
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ],
        swiftSettings: strict
    ),
    .executableTarget(
        name: "anaconda-local-server",
        dependencies: [
            "AnacondaLocalServer", pluginAPI, .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ],
        swiftSettings: strict),
]

// MARK: - Tests and tools

// Sign in with Anaconda for web apps: its unit tests run here (the example app is its own package).
package.dependencies += [.package(path: "Packages/AnacondaWebSignIn")]
package.targets += [
    // The fuzz targets (`make fuzz` builds them with libFuzzer; `swift build` gives the replay tool).
    .executableTarget(
        name: "anaconda-fuzz",
        dependencies: [
            "AnacondaHost", "TokenPlugin", pluginAPI, authLibrary,
            .product(name: "AnacondaWebSignIn", package: "AnacondaWebSignIn"),
        ],
        path: "Fuzz/Sources/anaconda-fuzz",
        swiftSettings: strict),
    .testTarget(name: "AnacondaPluginAPITests", dependencies: [pluginAPI]),
    .testTarget(name: "AnacondaHostTests", dependencies: ["AnacondaHost", pluginAPI]),
    .testTarget(name: "AnacondaAuthTests", dependencies: [authLibrary, pluginAPI, "TestSupport"]),
    // What several test targets use: a test clock, no browser.
    .target(name: "TestSupport", dependencies: [authLibrary], path: "Tests/TestSupport"),
    .testTarget(
        name: "AnacondaWebSignInTests",
        dependencies: [
            authLibrary, .product(name: "AnacondaWebSignIn", package: "AnacondaWebSignIn"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
    // Runs the real `anaconda` binary (and the example plugin package's libraries) end to end.
    // Fixtures/ holds scripts the tests run by path (a fake browser, a CONNECT proxy).
    // InProcess/: Host.run with the auth plugin in the same process (no dlopen), against the real local server.
    .testTarget(
        name: "EndToEndTests", dependencies: [pluginAPI, authLibrary, "AnacondaHost", "AuthPlugin", "CPseudoTerminal", "TestSupport"],
        exclude: ["Fixtures"]),
    .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
    // Test support: stores and reads logins through TokenStore (storage tests run many at once) and times GETs
    // with the HTTP transport. Nothing that ships links the transport (libAnacondaAuth.so opens it on the first
    // request): the Makefile builds its product by name (`swift build --product AnacondaHTTPTransport`), and this
    // dependency makes a plain `swift build` build it too.
    .executableTarget(
        name: "keyring-probe", dependencies: [authLibrary, pluginAPI, httpTransport], path: "Tests/KeyringProbe"),
]
