// swift-tools-version: 6.2
import PackageDescription

// The network stack of the auth library's HTTP client: libcurl with the system's OpenSSL (Debian's libcurl4;
// libcurl4-openssl-dev to build). A `.dynamic` library of its own that libAnacondaAuth.so opens with dlopen when the
// first client is created, so commands that make no request never load libcurl or OpenSSL. It links the auth
// library and AnacondaCore as shared libraries.
let package = Package(
    name: "AnacondaHTTPTransport",
    products: [
        .library(name: "AnacondaHTTPTransport", type: .dynamic, targets: ["AnacondaHTTPTransport"])
    ],
    dependencies: [
        .package(path: "../AnacondaCore"),
        .package(path: "../AnacondaAuth"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "AnacondaHTTPTransport",
            dependencies: [
                "CCurl",
                .product(name: "AnacondaCore", package: "AnacondaCore"),
                .product(name: "AnacondaAuth", package: "AnacondaAuth"),
            ],
            swiftSettings: [.treatAllWarnings(as: .error), .enableUpcomingFeature("MemberImportVisibility")]
        )
    ]
)
