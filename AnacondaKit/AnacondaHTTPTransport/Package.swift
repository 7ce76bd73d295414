// swift-tools-version: 6.2
import PackageDescription

// The network stack of the auth library's HTTP client: AsyncHTTPClient on SwiftNIO with BoringSSL. A `.dynamic`
// library of its own that libAnacondaAuth.so opens with dlopen when the first client is created, so commands that
// make no request never load it. It links the auth library and the plugin API as shared libraries.
let package = Package(
    name: "AnacondaHTTPTransport",
    products: [
        .library(name: "AnacondaHTTPTransport", type: .dynamic, targets: ["AnacondaHTTPTransport"])
    ],
    dependencies: [
        .package(path: ".."),
        .package(path: "../AnacondaAuth"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        .target(
            name: "AnacondaHTTPTransport",
            dependencies: [
                .product(name: "AnacondaPluginAPI", package: "AnacondaKit"),
                .product(name: "AnacondaAuth", package: "AnacondaAuth"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The response decompression limit's type; NIOPosix's connection error (DNS failures).
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: [.treatAllWarnings(as: .error), .enableUpcomingFeature("MemberImportVisibility")],
            // NIO and BoringSSL are inside: binding their references to their own symbols at link time spares the
            // dynamic linker thousands of symbol look-ups when the library is opened.
            linkerSettings: [.unsafeFlags(["-Xlinker", "-Bsymbolic"])]
        )
    ]
)
