// swift-tools-version: 6.2
import PackageDescription

// The code the `anaconda` host and every plugin share. Each product is a `.dynamic` library so that its types
// exist once per process: a private static copy in a plugin would break typed errors and protocol casts.
// The auth library lives in the package `AnacondaAuth/` inside this folder: a library linked against this one
// must be in another package, or SwiftPM copies the plugin API into it instead of linking the shared library.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "AnacondaKit",
    products: [
        .library(name: "AnacondaPluginAPI", type: .dynamic, targets: ["AnacondaPluginAPI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `make docs`: the DocC catalogs (generate-documentation).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "CAnacondaPluginABI"),
        .target(
            name: "AnacondaPluginAPI",
            dependencies: [
                "CAnacondaPluginABI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
