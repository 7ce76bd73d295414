// swift-tools-version: 6.2
import PackageDescription

// A plugin package written the way a third party writes one: it depends only on the public AnacondaPluginAPI
// products and is installed by dropping a manifest and the built library into a plugin directory.
let pluginAPI: Target.Dependency = .product(name: "AnacondaPluginAPI", package: "AnacondaPluginAPI")
let authLibrary: Target.Dependency = .product(name: "AnacondaAuth", package: "AnacondaAuth")

let package = Package(
    name: "ExamplePlugin",
    products: [
        // `anaconda plugin ...`: commands that exercise the host's shared error handler.
        .library(name: "ExamplePlugin", type: .dynamic, targets: ["ExamplePlugin"]),
        // `anaconda example-auth ...`: a small login provider, so the host's login and retry paths can be tested
        // before the real auth plugin exists.
        .library(name: "ExampleLoginPlugin", type: .dynamic, targets: ["ExampleLoginPlugin"]),
        // A deliberately broken plugin: it links its own copy of ArgumentParser, which the host must refuse.
        .library(name: "RoguePlugin", type: .dynamic, targets: ["RoguePlugin"]),
    ],
    dependencies: [
        .package(path: "../../Packages/AnacondaPluginAPI"),
        .package(path: "../../Packages/AnacondaAuth"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "ExamplePlugin", dependencies: [pluginAPI, authLibrary]),
        .target(name: "ExampleLoginPlugin", dependencies: [pluginAPI]),
        .target(
            name: "RoguePlugin",
            dependencies: [pluginAPI, .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
    ]
)
