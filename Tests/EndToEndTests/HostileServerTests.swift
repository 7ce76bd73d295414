import Foundation
import Glibc
import Testing

/// A server that answers with numbers no client should trust: the real binary against the local server must end in
/// one clear line and a non-zero exit (or carry on with a bounded wait), never a runtime trap (signal 4) or a hang.
@Suite("hostile server numbers")
struct HostileServerTests {
    let sandbox: Sandbox
    let key = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
    }

    @Test(
        "429 with a Retry-After past any integer type: the server's answer at once, no retry, no trap",
        arguments: [
            "99999999999999999999", "86400000", "Fri, 31 Dec 9999 23:59:59 GMT", "inf", "-5", "NaN",
        ])
    func hugeRetryAfter(value: String) throws {
        let server = try LocalServerProcess(
            ["--account-statuses", "429", "--retry-after=\(value)"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let start = ContinuousClock.now
        let result = try CommandLineRun.anaconda(
            ["auth", "whoami"], environment: sandbox.environment(["ANACONDA_AUTH_API_KEY": key]))
        #expect(ContinuousClock.now - start < .seconds(5))
        let requests = try server.requests(path: "/api/account").count
        if ["inf", "-5", "NaN"].contains(value) {
            // Not a valid Retry-After: the client's own backoff, then the retried request succeeds.
            #expect(result.status == 0, "\(result.stderr)")
            #expect(requests == 2)
        } else {
            #expect(result.status == 1)
            #expect(
                result.stderr.hasPrefix(
                    "HTTPError: 429 Client Error: Too Many Requests for url: https://\(server.domain)/api/account\n"))
            #expect(requests == 1)
        }
    }

    @Test(
        "device-flow interval and expires_in that are huge, negative, fractional or not numbers",
        arguments: [
            (
                ["--announce-interval", "1e300", "--expires-in", "2"], 1,
                "DeviceFlowTimeout: Device authorization timed out"
            ),
            (["--announce-expires-in", "1e300"], 0, "✓ Login successful!"),
            (["--announce-interval", "0.5"], 0, "✓ Login successful!"),
            (
                ["--announce-interval=-1"], 1,
                "DeviceFlowError: The device authorization response has an invalid interval: -1 (expected a number of seconds)"
            ),
            (
                ["--announce-expires-in=-1"], 1,
                "DeviceFlowError: The device authorization response has an invalid expires_in: -1 (expected a number of seconds)"
            ),
            (
                ["--announce-interval", "\"soon\""], 1,
                "DeviceFlowError: The device authorization response has an invalid interval: \"soon\" (expected a number of seconds)"
            ),
            (["--announce-interval", "NaN"], 1, "JSONDecodeError: "),
        ] as [([String], Int32, String)])
    func deviceFlowNumbers(knobs: [String], status: Int32, line: String) throws {
        let server = try LocalServerProcess(["--auto-approve"] + knobs, directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let start = ContinuousClock.now
        let login = try CommandLineRun.anaconda(["auth", "login"], environment: sandbox.environment())
        #expect(ContinuousClock.now - start < .seconds(15))
        #expect(login.status == status, "\(login.stderr)")
        #expect(login.stderr.contains(line), "\(login.stderr)")
        #expect(!login.stderr.contains("Fatal error"))
        if status != 0 { #expect(sandbox.file(".anaconda/keyring") == nil, "nothing stored") }
    }

    @Test("a site named twice in ANACONDA_SITES: sites remove ends in a message, not a trap")
    func duplicateSiteNames() throws {
        let result = try CommandLineRun.anaconda(
            ["sites", "remove", "a", "--yes"],
            environment: sandbox.environment([
                "ANACONDA_SITES": #"{"a": {"domain": "a.example.com"}, "a": {"domain": "b.example.com"}}"#
            ]))
        #expect(!result.wasKilledBySignal)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is the only configured site and cannot be removed"), "\(result.stderr)")
    }

    @Test("a manifest that is a FIFO or /dev/zero does not hang --help; the other plugins are listed")
    func manifestThatIsNotAFile() throws {
        let fifo = sandbox.plugins.appendingPathComponent("fifo")
        try FileManager.default.createDirectory(at: fifo, withIntermediateDirectories: true)
        #expect(mkfifo(fifo.appendingPathComponent("plugin-manifest.json").path, 0o600) == 0)
        let zero = sandbox.plugins.appendingPathComponent("zero")
        try FileManager.default.createDirectory(at: zero, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: zero.appendingPathComponent("plugin-manifest.json").path, withDestinationPath: "/dev/zero")
        let start = ContinuousClock.now
        let help = try CommandLineRun.anaconda(["--help"], environment: sandbox.environment())
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(help.status == 0)
        #expect(help.stdout.contains("  auth "))
    }

    @Test("keyring_path pointing at a device: one KeyringError line, exit 1, no hang")
    func keyringDevice() throws {
        let result = try CommandLineRun.anaconda(
            ["auth", "api-key"], environment: sandbox.environment(["ANACONDA_AUTH_KEYRING_PATH": "/dev/zero"]))
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "KeyringError: The keyring file /dev/zero cannot be read: it is not a regular file\n"))
    }
}
