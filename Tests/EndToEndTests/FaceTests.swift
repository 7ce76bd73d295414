import Foundation
import Testing

/// The face of the CLI: colour only on a terminal (never in pipes, never with NO_COLOR), one help style, messages
/// without internals, no dead ends, closure, verbosity levels.
@Suite("the face of the CLI")
struct FaceTests {
    let sandbox: Sandbox
    let escape = "\u{1B}["

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
    }

    func run(_ arguments: [String], _ extra: [String: String] = [:]) throws -> CommandLineResult {
        try CommandLineRun.anaconda(arguments, environment: sandbox.environment(extra))
    }

    /// A terminal environment: the sandbox's without NO_COLOR.
    func terminalEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = sandbox.environment(extra)
        environment["NO_COLOR"] = nil
        environment["TERM"] = "xterm-256color"
        return environment
    }

    @Test("on a terminal: the error label bold red, the footer dimmed, the [y/n] of a prompt coloured")
    func colourOnTerminal() throws {
        let error = try PseudoTerminalSession(
            ["auth", "api-key", "--at", "nowhere"], environment: terminalEnvironment())
        #expect(try error.waitForExit() == 1)
        #expect(
            error.transcript.contains("\u{1B}[1;31mUnknownSiteName:\u{1B}[0m "), "\(error.transcript.debugDescription)")
        #expect(error.transcript.contains("\u{1B}[2mTo see a more detailed error message"))

        let server = try LocalServerProcess([], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let table = try PseudoTerminalSession(["sites", "list"], environment: terminalEnvironment())
        #expect(try table.waitForExit() == 0)
        #expect(
            table.transcript.contains("┃ \u{1B}[1;32mSite name\u{1B}[0m "),
            "table headers green: \(table.transcript.debugDescription)")

        let prompt = try PseudoTerminalSession(
            ["auth", "whoami"], environment: terminalEnvironment(["ANACONDA_AUTH_API_KEY": ""]))
        try prompt.expect("Continue with interactive login? ")
        #expect(prompt.transcript.contains("\u{1B}[1;35m[y/n]\u{1B}[0m"))
        prompt.send("n\n")
        #expect(try prompt.waitForExit() == 4)
    }

    @Test("through a pipe, and with NO_COLOR on a terminal, no escape sequence at all")
    func noColour() throws {
        let piped = try run(["auth", "api-key", "--at", "nowhere"], ["NO_COLOR": ""])
        #expect(piped.status == 1)
        #expect(!piped.stderr.contains(escape) && !piped.stdout.contains(escape))
        var environment = terminalEnvironment()
        environment["NO_COLOR"] = "1"
        let session = try PseudoTerminalSession(["auth", "api-key", "--at", "nowhere"], environment: environment)
        #expect(try session.waitForExit() == 1)
        #expect(!session.transcript.contains(escape), "\(session.transcript.debugDescription)")
        let help = try run(["--version"], ["NO_COLOR": ""])
        #expect(!help.stdout.contains(escape))
        #expect(help.stdout.hasSuffix("Compatible with anaconda-cli-base 0.9.1 and anaconda-auth 0.15.3\n"))
    }

    @Test("one help style at every level, fitted to COLUMNS")
    func helpStyle() throws {
        for arguments in [
            ["auth", "--help"], ["auth", "login", "--help"], ["token", "install", "--help"],
            ["sites", "add", "--help"],
        ] {
            for columns in ["80", "60"] {
                let help = try run(arguments, ["COLUMNS": columns])
                #expect(help.status == 0)
                #expect(
                    help.stdout.hasPrefix("Usage: anaconda \(arguments.dropLast().joined(separator: " ")) [OPTIONS]"))
                #expect(help.stdout.contains("\nOptions:\n"))
                #expect(!help.stdout.contains("OVERVIEW:") && !help.stdout.contains("USAGE:"))
                let widest = help.stdout.split(separator: "\n").map(\.count).max() ?? 0
                #expect(
                    widest <= Int(columns)! || arguments == ["token", "install", "--help"]
                        || arguments == ["sites", "add", "--help"],
                    "\(arguments) at \(columns) columns: \(widest)")
            }
        }
        let add = try run(["sites", "add", "--help"])
        #expect(add.stdout.contains("Write the change without asking."))
        #expect(add.stdout.contains("Print the change as a diff; write nothing."))
        let login = try run(["login", "--help"])
        #expect(login.stdout.contains("--force / --no-force"), "login --help shows what login accepts: \(login.stdout)")
        #expect(login.stdout.contains("--device / --browser"))
        let typo = try run(["whoami", "--bogus"])
        #expect(typo.status == 2)
        #expect(
            typo.stderr.hasPrefix(
                "Usage: anaconda whoami [OPTIONS]\nTry 'anaconda whoami --help' for help.\n\nError: No such option: --bogus"
            ))
    }

    @Test("an ssl_verify path that does not exist: sites and logout still work; a request says what is wrong")
    func missingCABundle() throws {
        try sandbox.writeConfig("[plugin.auth]\ndomain = \"localhost:9\"\nssl_verify = \"/moved/ca.pem\"\n")
        #expect(try run(["sites", "list"]).status == 0)
        #expect(try run(["sites", "show"]).status == 0)
        let logout = try run(["auth", "logout"])
        #expect(logout.status == 0, "\(logout.stderr)")
        #expect(logout.stderr.contains("Not logged in to localhost:9; nothing to do."))
        let whoami = try run(
            ["auth", "whoami"],
            ["ANACONDA_AUTH_API_KEY": "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"])
        #expect(whoami.status == 1)
        #expect(
            whoami.stderr.hasPrefix("SSLError: Cannot read the CA bundle /moved/ca.pem (ssl_verify): it does not exist")
        )
    }

    @Test("a rejected key from ANACONDA_AUTH_API_KEY: the guidance says so instead of suggesting to set it")
    func rejectedEnvironmentKey() throws {
        let key = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6InJlamVjdCJ9.c2ln"
        let server = try LocalServerProcess(["--reject-key", key], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let result = try run(["auth", "whoami"], ["ANACONDA_AUTH_API_KEY": key])
        #expect(result.status == 4)
        #expect(result.stderr.contains("The API key in the ANACONDA_AUTH_API_KEY environment variable was rejected."))
        #expect(!result.stderr.contains("or set your API key using the ANACONDA_AUTH_API_KEY env var"))
    }

    @Test("--verbose shows the plugin's and the client's debug output; -vv adds the host's plugin loading")
    func verbosity() throws {
        let key = ["ANACONDA_AUTH_API_KEY": "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"]
        let verbose = try run(["--verbose", "auth", "api-key"], key)
        #expect(verbose.stderr.contains("debug: Site "))
        #expect(!verbose.stderr.contains("trace: "))
        let very = try run(["-vv", "auth", "api-key"], key)
        #expect(very.stderr.contains("trace: Opening plugin 'auth' library"))
    }

    @Test("the device flow without a browser reads well; both login flows end with ✓ Login successful!")
    func closure() throws {
        let server = try LocalServerProcess(["--auto-approve"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let device = try run(["auth", "login"])
        #expect(device.status == 0)
        #expect(device.stderr.hasPrefix("To authorize this request, open the following URL on any device:\n\n"))
        #expect(device.stderr.hasSuffix("✓ Login successful!\n"))
        let logout = try run(["auth", "logout"])
        #expect(logout.stderr.hasSuffix("Logged out of \(server.domain).\n"))
    }

    @Test("Ctrl-C while the device flow waits: the spinner line is cleared, Cancelled., exit 130")
    func controlC() throws {
        let server = try LocalServerProcess(["--pending-polls", "1000", "--interval", "1"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let session = try PseudoTerminalSession(["auth", "login"], environment: terminalEnvironment())
        try session.expect("Waiting for authorization (CTRL-C to cancel)")
        session.interrupt()
        #expect(try session.waitForExit() == 130)
        #expect(session.transcript.contains("\u{1B}[2KCancelled.\n"), "\(session.transcript.debugDescription)")
    }
}
