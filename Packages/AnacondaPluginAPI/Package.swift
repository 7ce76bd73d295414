// swift-tools-version: 6.2
import PackageDescription

// The plugin API: what the `anaconda` host and every plugin share on top of AnacondaCore (the plugin and command
// protocols, the C handshake, ArgumentParser). A `.dynamic` library so that its types exist once per process: a
// private static copy in a plugin would break typed errors and protocol casts. Libraries linked against it live in
// sibling packages: within one package SwiftPM would copy it into them instead of linking the shared library.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "AnacondaPluginAPI",
    products: [
        .library(name: "AnacondaPluginAPI", type: .dynamic, targets: ["AnacondaPluginAPI"])
    ],
    dependencies: [
        .package(path: "../AnacondaCore"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `make docs`: the DocC catalogs (generate-documentation).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "CAnacondaPluginABI"),
        .target(
            name: "AnacondaPluginAPI",
            dependencies: [
                "CAnacondaPluginABI",
                .product(name: "AnacondaCore", package: "AnacondaCore"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
    ]
)
