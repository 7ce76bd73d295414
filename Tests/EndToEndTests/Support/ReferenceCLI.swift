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

    /// Runs a program of the reference's venv (`anaconda`, `python`) with `environment`.
    static func run(_ program: String, _ arguments: [String], environment: [String: String], stdin: String = "")
        throws -> CommandLineResult
    {
        let process = Process()
        process.executableURL = try executable(program)
        process.arguments = arguments
        process.environment = environment.merging(["TERM": "dumb", "COLUMNS": "100"]) { _, new in new }
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let collected = CommandLineRun.collect(output, error)
        process.waitUntilExit()
        let (stdout, stderr) = collected()
        return CommandLineResult(
            status: process.terminationStatus, stdout: stdout, stderr: stderr,
            wasKilledBySignal: process.terminationReason == .uncaughtSignal)
    }
}
