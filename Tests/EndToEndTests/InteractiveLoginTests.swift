import Foundation
import Testing

/// The error handler's login offer and the top-level login routing, on a real pseudo-terminal.
@Suite("Interactive login on a terminal")
struct InteractiveLoginTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-plugin", library: "ExamplePlugin")
        try sandbox.installExamplePlugin("example-login", library: "ExampleLoginPlugin")
    }

    static let prompt = "Continue with interactive login? [y/n]: "

    @Test("y logs in to the command's site and re-runs the command once")
    func yesLogsInAndRetries() throws {
        let session = try PseudoTerminalSession(
            ["plugin", "need-login", "--at", "site-b"], environment: sandbox.environment())
        try session.expect("TokenNotFoundError: Login is required to complete this action.\n" + Self.prompt)
        session.send("y\n")
        #expect(try session.waitForExit() == 0)
        #expect(session.transcript.contains("✓ Logged in to site-b\nhello from site-b (ok)\n"))
        #expect(
            sandbox.file(".example-login/runs.log")
                == "need-login site-b\nlogin site-b force=false\nneed-login site-b\n")
    }

    @Test("n prints the guidance and exits 4")
    func noPrintsGuidance() throws {
        let session = try PseudoTerminalSession(["plugin", "need-login"], environment: sandbox.environment())
        try session.expect(Self.prompt)
        session.send("n\n")
        #expect(try session.waitForExit() == 4)
        #expect(
            session.transcript.contains(
                "To configure your credentials you can run\n  anaconda login --at example.com\n"))
        #expect(sandbox.file(".example-login/runs.log") == "need-login example.com\n")
    }

    @Test("an invalid answer asks again; end of input counts as no")
    func invalidAnswerThenEOF() throws {
        let session = try PseudoTerminalSession(["plugin", "need-login"], environment: sandbox.environment())
        try session.expect(Self.prompt)
        session.send("maybe\n")
        try session.expect("Please enter Y or N\n" + Self.prompt)
        session.send("\u{04}")  // Ctrl-D: end of input
        #expect(try session.waitForExit() == 4)
        #expect(session.transcript.contains("To configure your credentials you can run"))
    }

    @Test("a key the server rejected forces a new login")
    func rejectedKeyForcesNewLogin() throws {
        let directory = sandbox.home.appendingPathComponent(".example-login")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("rejected".utf8).write(to: directory.appendingPathComponent("example.com"))
        let session = try PseudoTerminalSession(["plugin", "need-login"], environment: sandbox.environment())
        try session.expect("InvalidAuthentication: Your provided API Key or login token is invalid\n" + Self.prompt)
        session.send("y\n")
        #expect(try session.waitForExit() == 0)
        #expect(session.transcript.contains("hello from example.com (forced)"))
    }

    @Test("the command is re-run only once: a second failure prints guidance, with no second prompt")
    func retriesOnlyOnce() throws {
        let session = try PseudoTerminalSession(
            ["plugin", "fail", "token-expired"], environment: sandbox.environment())
        try session.expect(Self.prompt)
        session.send("y\n")
        #expect(try session.waitForExit() == 4)
        #expect(session.transcript.components(separatedBy: "Continue with interactive login?").count == 2)
        #expect(
            session.transcript.components(separatedBy: "TokenExpiredError: Your login token has expired").count == 3)
        #expect(session.transcript.contains("To configure your credentials you can run"))
    }

    @Test("login with several sites and no --at shows a picker on a terminal")
    func pickerOnTerminal() throws {
        let environment = sandbox.environment(["EXAMPLE_LOGIN_SITES": "a=a.example.com,b=b.example.com"])
        let session = try PseudoTerminalSession(["login", "--force"], environment: environment)
        try session.expect(
            "choose destination:\n  1) a (a.example.com) [default]\n  2) b (b.example.com)\nEnter a number [1]: ")
        session.send("3\n")
        try session.expect("Please enter a number between 1 and 2\nEnter a number [1]: ")
        session.send("2\n")
        #expect(try session.waitForExit() == 0)
        #expect(sandbox.file(".example-login/runs.log") == "login b force=true\n")
    }
}

/// `anaconda login|logout|whoami` off a terminal.
@Suite("Top-level login routing")
struct LoginRoutingTests {
    let sandbox: Sandbox
    let environment: [String: String]

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-login", library: "ExampleLoginPlugin")
        environment = sandbox.environment(["EXAMPLE_LOGIN_SITES": "a=a.example.com,b=b.example.com"])
    }

    func run(_ arguments: [String]) throws -> CommandLineResult {
        try CommandLineRun.anaconda(arguments, environment: environment)
    }

    @Test("off a terminal the default site is used and arguments are forwarded")
    func defaultSite() throws {
        let result = try run(["login", "--force"])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("choose destination"))
        #expect(sandbox.file(".example-login/runs.log") == "login a force=true\n")
        let whoami = try run(["whoami"])
        #expect(whoami.stdout == "logged in to a\n")
    }

    @Test("--at selects a site by name or domain, on the command or globally")
    func atSelectsSite() throws {
        #expect(try run(["login", "--at", "b.example.com"]).status == 0)
        #expect(try run(["--at", "b", "whoami"]).stdout == "logged in to b\n")
        #expect(try run(["logout", "--at=b"]).status == 0)
        let after = try run(["whoami", "--at", "b"])
        #expect(after.status == 4)
        #expect(after.stderr.hasPrefix("TokenNotFoundError: Login is required to complete this action.\n"))
    }

    @Test("an unknown --at lists the allowed sites")
    func unknownSite() throws {
        let result = try run(["login", "--at", "nope"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "nope is not an allowed value for --at. Use one of \n* a (a.example.com) [default]\n* b (b.example.com)\nAborted.\n"
        )
    }

    @Test("--at on both the host and the command is an error")
    func atTwice() throws {
        let result = try run(["--at", "a", "login", "--at", "b"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("ValueError: --at was specified twice\n"))
    }

    @Test("login --help shows the wrapper's help with the sites; with --at it is forwarded")
    func wrapperHelp() throws {
        let wrapper = try run(["login", "--help"])
        #expect(wrapper.status == 0)
        #expect(wrapper.stdout.contains("Usage: anaconda login [OPTIONS] [ARGS]..."))
        #expect(wrapper.stdout.contains("--at SITE   Choose from ['a', 'b']"))
        let forwarded = try run(["login", "--at", "a", "--help"])
        #expect(forwarded.status == 0)
        #expect(forwarded.stdout.hasPrefix("Usage: anaconda login [OPTIONS]"), "the command typed, not the plugin's")
    }
}
