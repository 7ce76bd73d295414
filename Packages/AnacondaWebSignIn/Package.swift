// swift-tools-version: 6.2
import PackageDescription

// "Sign in with Anaconda" for Swift web apps: an OpenID Connect client (code flow with PKCE, a confidential
// client) with sessions sealed in cookies, on the same site configuration as the `anaconda` CLI.
// - AnacondaWebSignIn: framework-independent (discovery, the code flow, ID-token checks, sealed cookies).
// - AnacondaWebSignInHummingbird: the Hummingbird 2 middleware and routes.
// Neither pulls in the CLI's plugin machinery: they build on AnacondaCore and the auth library only.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error), .enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "AnacondaWebSignIn",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AnacondaWebSignIn", targets: ["AnacondaWebSignIn"]),
        .library(name: "AnacondaWebSignInHummingbird", targets: ["AnacondaWebSignInHummingbird"]),
    ],
    dependencies: [
        .package(path: "../AnacondaCore"),
        .package(path: "../AnacondaAuth"),
        // The auth library's network stack (opened at run time): depending on it makes the build build it.
        .package(path: "../AnacondaHTTPTransport"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // `make docs`: the DocC catalog (generate-documentation).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "AnacondaWebSignIn",
            dependencies: [
                .product(name: "AnacondaCore", package: "AnacondaCore"),
                .product(name: "AnacondaAuth", package: "AnacondaAuth"),
                .product(name: "AnacondaHTTPTransport", package: "AnacondaHTTPTransport"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AnacondaWebSignInHummingbird",
            dependencies: [
                "AnacondaWebSignIn",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
    ]
)
