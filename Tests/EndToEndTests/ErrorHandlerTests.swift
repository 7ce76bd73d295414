import Foundation
import Glibc
import Testing

/// The host's shared error handler around a third-party plugin's commands, off a terminal.
@Suite("Shared error handler")
struct ErrorHandlerTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-plugin", library: "ExamplePlugin")
        try sandbox.installExamplePlugin("example-login", library: "ExampleLoginPlugin")
    }

    func run(_ arguments: [String], stdin: String = "") throws -> CommandLineResult {
        try CommandLineRun.anaconda(arguments, environment: sandbox.environment(), stdin: stdin)
    }

    static let hint = "\nTo see a more detailed error message run the command again as\n  anaconda --verbose "

    @Test("an HTTP error renders as the reference's requests.HTTPError, with the --verbose hint")
    func httpError() throws {
        let result = try run(["plugin", "fail", "http-422"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "HTTPError: 422 Client Error: Unprocessable Entity for url: https://127.0.0.1:8443/api/something\n"
                + Self.hint + "plugin fail http-422\n")
    }

    @Test(
        "errors render as <Label>: <message>",
        arguments: [
            (
                "http-500",
                "HTTPError: 500 Server Error: Internal Server Error for url: https://127.0.0.1:8443/api/something"
            ),
            ("labelled", "DeviceFlowError: Server does not support device authorization"),
            ("plain", "PlainError: something went wrong"),
        ])
    func labels(kind: String, headline: String) throws {
        let result = try run(["plugin", "fail", kind])
        #expect(result.status == 1)
        #expect(result.stderr == headline + "\n" + Self.hint + "plugin fail \(kind)\n")
    }

    @Test(
        "authentication errors off a terminal print guidance for the command's site and exit 4",
        arguments: [
            ("token-not-found", "TokenNotFoundError: Login is required to complete this action."),
            ("token-expired", "TokenExpiredError: Your login token has expired"),
            ("auth-required-with-key", "InvalidAuthentication: Your provided API Key or login token is invalid"),
            ("auth-required-without-key", "AuthenticationMissingError: Login is required to complete this action."),
        ])
    func authenticationGuidance(kind: String, headline: String) throws {
        let result = try run(["--at", "my site", "plugin", "fail", kind], stdin: "y\n")
        #expect(result.status == 4)
        #expect(!result.stderr.contains("Continue with interactive login"))
        #expect(
            result.stderr == """
                \(headline)

                To configure your credentials you can run
                  anaconda login --at 'my site'

                or set your API key using the ANACONDA_AUTH_API_KEY env var

                or set

                [plugin.auth]
                api_key = "<api-key>"

                in \(sandbox.home.path)/.anaconda/config.toml
                \(Self.hint)--at 'my site' plugin fail \(kind)

                """)
        #expect(sandbox.file(".example-login/runs.log") == nil, "no login happened")
    }

    @Test("the guidance names ANACONDA_CONFIG_TOML when it is set")
    func guidanceNamesConfiguredFile() throws {
        let result = try CommandLineRun.anaconda(
            ["plugin", "fail", "token-expired"],
            environment: sandbox.environment(["ANACONDA_CONFIG_TOML": "/etc/anaconda/custom.toml"]))
        #expect(result.status == 4)
        #expect(result.stderr.contains("\nin /etc/anaconda/custom.toml\n"))
        #expect(result.stderr.contains("  anaconda login\n"))
    }

    @Test("--verbose shows the cause chain and debug log, and never a secret")
    func verboseHasNoSecrets() throws {
        let secret = "s3cr3t-api-key-value"
        let quiet = try run(["plugin", "fail", "http-422", "--api-key", secret])
        #expect(quiet.status == 1)
        #expect(!quiet.stderr.contains(secret))
        #expect(quiet.stderr.hasSuffix("anaconda --verbose plugin fail http-422 --api-key '<redacted>'\n"))

        let verbose = try run(["--verbose", "plugin", "fail", "labelled", "--api-key=\(secret)"])
        #expect(verbose.status == 1)
        #expect(!verbose.stderr.contains(secret))
        #expect(!verbose.stdout.contains(secret))
        #expect(!verbose.stderr.contains("Loaded plugin"), "plugin loading is shown with -vv only")
        #expect(verbose.stderr.contains("debug: failing with labelled\n"))
        #expect(
            verbose.stderr.contains(
                "DeviceFlowError: Server does not support device authorization\n"
                    + "Caused by: AnacondaCore.AnacondaError: DiscoveryError: no device_authorization_endpoint\n"))
        #expect(!verbose.stderr.contains("To see a more detailed error message"))
    }

    @Test(
        "usage errors exit 2",
        arguments: [
            (
                ["plugin", "fail"],
                "Usage: anaconda plugin fail [OPTIONS] KIND\nTry 'anaconda plugin fail --help' for help.\n\nError: Missing argument 'KIND'."
            ),
            (["plugin", "fail", "nope"], "Error: The value 'nope' is invalid for '<kind>'"),
            (
                ["plugin", "context", "--bogus"],
                "Usage: anaconda plugin context [OPTIONS]\nTry 'anaconda plugin context --help' for help.\n\nError: No such option: --bogus"
            ),
            (["--bogus"], "Error: No such option: --bogus Did you mean --verbose?"),
            (["--verb"], "Error: No such option: --verb (Possible options: --verbose, --version)"),
            (["plugn"], "Error: No such command 'plugn'. Did you mean 'plugin'?"),
            (["--at"], "Error: Option '--at' requires an argument."),
            (["nope"], "Error: No such command 'nope'."),
        ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
        #expect(result.stdout.isEmpty)
    }

    @Test("a plugin's help goes to standard output and exits 0")
    func pluginHelp() throws {
        let result = try run(["plugin", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Usage: anaconda plugin [OPTIONS] COMMAND [ARGS]...\n"))
        #expect(result.stdout.contains("\nCommands:\n"))
        #expect(result.stderr.isEmpty)
    }

    @Test("anaconda help COMMAND SUBCOMMAND shows the plugin's help, as ArgumentParser's hints suggest")
    func helpCommand() throws {
        let result = try run(["help", "plugin", "fail"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Usage: anaconda plugin fail [OPTIONS] KIND\n"))
        for verb in ["login", "logout", "whoami"] {
            let help = try run(["help", verb])
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("Usage: anaconda \(verb) [OPTIONS]"), "\(help.stdout)\(help.stderr)")
        }
        let host = try run(["help"])
        #expect(host.status == 0)
        #expect(host.stdout.hasPrefix("Usage: anaconda [OPTIONS] COMMAND [ARGS]..."))
    }

    @Test("--at given globally and to the command is an error")
    func atTwice() throws {
        let result = try run(["--at", "a", "plugin", "context", "--at", "b"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("ValueError: --at was specified twice\n"))
    }

    @Test("SIGINT exits 130")
    func interrupt() throws {
        let process = Process()
        process.executableURL = BuiltProducts.host
        process.arguments = ["plugin", "wait"]
        process.environment = sandbox.environment()
        let error = Pipe()
        process.standardError = error
        process.standardOutput = Pipe()
        try process.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("waiting") {
            let chunk = error.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
    }
}
