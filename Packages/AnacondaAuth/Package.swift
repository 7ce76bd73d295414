// swift-tools-version: 6.2
import PackageDescription

// The auth library that plugins and other Swift clients use: configuration and sites, token storage, login flows
// and the HTTP client. A `.dynamic` product that links AnacondaCore's shared library (never a copy of it) and
// nothing of the CLI's plugin machinery. Its network stack is a library of its own (../AnacondaHTTPTransport),
// loaded when the first HTTP client is created.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error), .enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "AnacondaAuth",
    products: [
        .library(name: "AnacondaAuth", type: .dynamic, targets: ["AnacondaAuth"])
    ],
    dependencies: [
        .package(path: "../AnacondaCore"),
        // `make docs`: the DocC catalog (generate-documentation).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "AnacondaAuth",
            dependencies: [
                .product(name: "AnacondaCore", package: "AnacondaCore"),
            ],
            swiftSettings: strict
        )
    ]
)
