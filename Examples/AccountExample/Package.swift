// swift-tools-version: 6.2
import PackageDescription

// A Swift program (not a plugin) that uses the auth library: it logs in when needed and prints the account.
let package = Package(
    name: "AccountExample",
    dependencies: [
        .package(path: "../../Packages/AnacondaPluginAPI"),
        .package(path: "../../Packages/AnacondaAuth"),
        // The network stack, opened at run time from beside libAnacondaAuth.so: depending on it makes SwiftPM build it.
        .package(path: "../../Packages/AnacondaHTTPTransport"),
    ],
    targets: [
        .executableTarget(
            name: "account-example",
            dependencies: [
                .product(name: "AnacondaAuth", package: "AnacondaAuth"),
                .product(name: "AnacondaPluginAPI", package: "AnacondaPluginAPI"),
                .product(name: "AnacondaHTTPTransport", package: "AnacondaHTTPTransport"),
            ])
    ]
)
