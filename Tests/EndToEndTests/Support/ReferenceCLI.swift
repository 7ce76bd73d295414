import Foundation

/// The Python reference (anaconda-auth 0.15.3) installed by `make reference` into `.build-reference`.
enum ReferenceCLI {
    static let directory = BuiltProducts.repositoryRoot.appendingPathComponent(".build-reference")

    static func executable(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent("bin/\(name)")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestSetupError("\(url.path) is missing: install the Python reference first (make reference)")
        }
        return url
    }

    /// Runs a program of the reference's venv (`anaconda`, `python`) with `environment`, as a terminal-less user.
    static func run(_ program: String, _ arguments: [String], environment: [String: String]) throws -> CommandLineResult
    {
        try ProcessRun.run(
            try executable(program).path, arguments,
            environment: environment.merging(["TERM": "dumb", "COLUMNS": "100"]) { _, new in new })
    }
}
