import Foundation

/// Where the built binaries are: the host next to the test bundle, the example plugins in their own package.
enum BuiltProducts {
    /// The repository root (three levels above this file).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The build directory `swift test` uses, which also holds the `anaconda` binary.
    static let buildDirectory: URL = {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle directory.
        while directory.lastPathComponent.hasSuffix(".xctest") || directory.path.contains(".xctest/") {
            directory.deleteLastPathComponent()
        }
        return directory
    }()

    static var host: URL { buildDirectory.appendingPathComponent("anaconda") }

    /// The sandbox's linked host when the environment names one (`ANACONDA_TEST_HOST`), else the built one.
    static func host(for environment: [String: String]) -> URL {
        environment["ANACONDA_TEST_HOST"].map { URL(fileURLWithPath: $0) } ?? host
    }

    /// The example plugin package's build products (built by `make example-plugin`).
    static let examplePluginDirectory: URL = {
        if let override = ProcessInfo.processInfo.environment["EXAMPLE_PLUGIN_BUILD_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot.appendingPathComponent("Plugins/ExamplePlugin/.build/debug")
    }()

    static func exampleLibrary(_ name: String) throws -> URL {
        let url = examplePluginDirectory.appendingPathComponent("lib\(name).so")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TestSetupError(
                "\(url.path) is missing: build the example plugin package first (make example-plugin)")
        }
        return url
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
