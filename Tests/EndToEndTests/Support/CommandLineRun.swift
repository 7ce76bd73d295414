import Foundation

/// The outcome of one run of the real `anaconda` binary.
struct CommandLineResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var wasKilledBySignal: Bool
}

/// Runs the built host binary with pipes for all three streams (so nothing is a terminal).
enum CommandLineRun {
    static func anaconda(
        _ arguments: [String],
        environment: [String: String],
        stdin: String = "",
        timeout: Duration = .seconds(60)
    ) throws -> CommandLineResult {
        let process = Process()
        process.executableURL = BuiltProducts.host(for: environment)
        process.arguments = arguments
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let collected = collect(output, error)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw TestSetupError("anaconda \(arguments) did not finish within \(timeout)")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let (stdout, stderr) = collected()
        return CommandLineResult(
            status: process.terminationStatus, stdout: stdout, stderr: stderr,
            wasKilledBySignal: process.terminationReason == .uncaughtSignal)
    }

    /// Reads both pipes on background threads so a full pipe never blocks the child.
    static func collect(_ output: Pipe, _ error: Pipe) -> () -> (String, String) {
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        DispatchQueue.global().async(group: group) { out = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = error.fileHandleForReading.readDataToEndOfFile() }
        return {
            group.wait()
            return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }
}
