// swift-tools-version: 6.2
import PackageDescription

// An example web app that requires "Sign in with Anaconda": a Hummingbird 2 server with the sign-in middleware,
// a page that greets the signed-in user and calls /api/account with their token. `make web-demo` runs it against
// the bundled local server.
let package = Package(
    name: "WebExample",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../../Packages/AnacondaWebSignIn"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "anaconda-web-example",
            dependencies: [
                .product(name: "AnacondaWebSignIn", package: "AnacondaWebSignIn"),
                .product(name: "AnacondaWebSignInHummingbird", package: "AnacondaWebSignIn"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: [.treatAllWarnings(as: .error)]
        )
    ]
)
