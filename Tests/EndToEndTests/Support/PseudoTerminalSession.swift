import CPseudoTerminal
import Foundation
import Glibc

/// The `anaconda` binary running on a real pseudo-terminal: standard input, output and error are the pty's
/// terminal side, so `isatty` is true and prompts are shown. The test reads and types on the other side.
final class PseudoTerminalSession {
    private let process = Process()
    private let controller: Int32
    private(set) var transcript = ""

    init(_ arguments: [String], environment: [String: String]) throws {
        var name = [CChar](repeating: 0, count: 256)
        controller = pseudo_terminal_open(&name, name.count)
        guard controller >= 0 else { throw TestSetupError("cannot open a pseudo-terminal: errno \(errno)") }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let terminalSide = open(path, O_RDWR | O_NOCTTY)
        guard terminalSide >= 0 else { throw TestSetupError("cannot open \(path)") }
        let handle = FileHandle(fileDescriptor: terminalSide, closeOnDealloc: true)
        process.executableURL = BuiltProducts.host(for: environment)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try handle.close()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(controller)
    }

    /// Reads until `text` has appeared in the output (after carriage returns are removed). Returns the transcript.
    @discardableResult
    func expect(_ text: String, timeout: Duration = .seconds(20)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while !transcript.contains(text) {
            guard ContinuousClock.now < deadline else {
                throw TestSetupError("timed out waiting for \(text.debugDescription); got:\n\(transcript)")
            }
            guard readAvailable(waitMilliseconds: 50) else {
                throw TestSetupError("output ended before \(text.debugDescription); got:\n\(transcript)")
            }
        }
        return transcript
    }

    /// Ctrl-C: SIGINT to the process (the session is not the process's controlling terminal, so typing ^C would
    /// only be read as input).
    func interrupt() {
        kill(process.processIdentifier, SIGINT)
    }

    /// Types `text` on the terminal.
    func send(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(controller, $0.baseAddress, $0.count - 1) }
    }

    /// Waits for the process to exit, reading the rest of its output, and returns its exit status.
    func waitForExit(timeout: Duration = .seconds(20)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw TestSetupError("process did not exit; transcript:\n\(transcript)")
            }
            _ = readAvailable(waitMilliseconds: 20)
        }
        while readAvailable(waitMilliseconds: 20) {}
        return process.terminationStatus
    }

    /// Reads what is available. Returns false once the terminal is closed and drained.
    private func readAvailable(waitMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, waitMilliseconds)
        if ready == 0 { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(controller, &buffer, buffer.count)
        if count <= 0 { return process.isRunning }
        transcript += String(decoding: buffer[..<count], as: UTF8.self).replacingOccurrences(of: "\r", with: "")
        return true
    }
}
