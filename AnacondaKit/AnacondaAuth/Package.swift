// swift-tools-version: 6.2
import PackageDescription

// The auth library that plugins and other Swift clients use: configuration and sites, token storage, login flows
// and the HTTP client. A `.dynamic` product that links the plugin API's shared library (never a copy of it).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error), .enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "AnacondaAuth",
    products: [
        .library(name: "AnacondaAuth", type: .dynamic, targets: ["AnacondaAuth"])
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .target(
            name: "AnacondaAuth",
            dependencies: [
                .product(name: "AnacondaPluginAPI", package: "AnacondaKit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The response decompression limit's type.
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ],
            swiftSettings: strict,
            // The library statically contains NIO and BoringSSL; binding its references to its own symbols
            // at link time spares the dynamic linker thousands of symbol look-ups on every plugin load.
            linkerSettings: [.unsafeFlags(["-Xlinker", "-Bsymbolic"])]
        )
    ]
)
