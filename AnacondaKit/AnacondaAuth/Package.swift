// swift-tools-version: 6.2
import PackageDescription

// The auth library that plugins and other Swift clients use: configuration and sites, token storage, login flows
// and the HTTP client. A `.dynamic` product that links the plugin API's shared library (never a copy of it).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "AnacondaAuth",
    products: [
        .library(name: "AnacondaAuth", type: .dynamic, targets: ["AnacondaAuth"])
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "AnacondaAuth",
            dependencies: [
                .product(name: "AnacondaPluginAPI", package: "AnacondaKit"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        )
    ]
)
