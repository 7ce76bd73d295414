import AnacondaAuth
import AnacondaHost
import AnacondaPluginAPI
import Foundation
import Synchronization
import TestSupport

@testable import AuthPlugin

/// `Host.run` and the `auth` plugin in this process (no `dlopen`, no child process): a throw-away `HOME` configured
/// for a real local server, a terminal that keeps what is written, a test clock, no browser.
final class InProcessHost {
    let server: LocalServerProcess
    let home: String
    let clock = TestClock()

    init(_ knobs: [String] = ["--auto-approve"]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("in-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        server = try LocalServerProcess(knobs, directory: directory)
        home = directory.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: home + "/.anaconda", withIntermediateDirectories: true)
        try "[plugin.auth]\ndomain = \"\(server.domain)\"\nssl_verify = \"\(server.caPath)\"\n"
            .write(toFile: home + "/.anaconda/config.toml", atomically: true, encoding: .utf8)
    }

    /// Runs `anaconda <arguments>` in process.
    func run(_ arguments: [String]) async -> (status: Int32, stdout: String, stderr: String) {
        let terminal = CapturingTerminal()
        var services = PluginServices()
        services.browser = NoBrowser()
        let invocation = HostInvocation(
            arguments: arguments, environment: ["HOME": home, "PATH": "/usr/bin:/bin"],
            // The built host's directory: its plugin-manifest.json lists the auth plugin, given here in process.
            executablePath: BuiltProducts.buildDirectory.appendingPathComponent("anaconda").path,
            workingDirectory: home, terminal: terminal, clock: clock.clock, services: services,
            plugins: ["auth": AuthPlugin()])
        let status = await Host.run(invocation)
        return (status, terminal.standardOutput, terminal.standardError)
    }
}

/// A terminal that keeps standard output and standard error apart; not interactive, no input.
final class CapturingTerminal: Terminal {
    private let streams = Mutex<(out: String, err: String)>(("", ""))
    var standardOutput: String { streams.withLock { $0.out } }
    var standardError: String { streams.withLock { $0.err } }

    func write(_ text: String, to stream: TerminalStream) {
        streams.withLock { streams in
            if stream == .standardOutput { streams.out += text } else { streams.err += text }
        }
    }

    func readLine() -> String? { nil }
    var isInteractive: Bool { false }
}
