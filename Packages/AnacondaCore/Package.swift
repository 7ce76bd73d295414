// swift-tools-version: 6.2
import PackageDescription

// What every Anaconda library shares and nothing else: errors, JSON, regular files, paths, the terminal and the
// invocation context. No command-line or plugin machinery: the auth library and the web sign-in library build on
// this alone. A `.dynamic` product, so its types (and swift-log's) exist once per process.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "AnacondaCore",
    products: [
        .library(name: "AnacondaCore", type: .dynamic, targets: ["AnacondaCore"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `make docs`: the DocC catalogs (generate-documentation).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "CAnacondaCore"),
        .target(
            name: "AnacondaCore",
            dependencies: ["CAnacondaCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
    ]
)
