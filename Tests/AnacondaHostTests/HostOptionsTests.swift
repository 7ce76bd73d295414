import Testing

@testable import AnacondaHost

@Suite("Global options")
struct HostOptionsTests {
    @Test("options before the command are the host's; everything after belongs to the command")
    func splitsAtCommand() throws {
        let options = try HostOptions.parse(["--at", "x", "-v", "auth", "login", "--at", "y", "-V"])
        #expect(options.site == "x")
        #expect(options.isVerbose)
        #expect(!options.showVersion)
        #expect(options.command == "auth")
        #expect(options.commandArguments == ["login", "--at", "y", "-V"])
    }

    @Test("--at=value, short clusters and --")
    func forms() throws {
        #expect(try HostOptions.parse(["--at=s"]).site == "s")
        let cluster = try HostOptions.parse(["-vV"])
        #expect(cluster.isVerbose && cluster.showVersion)
        #expect(try HostOptions.parse(["--", "-weird"]).command == "-weird")
    }

    @Test("unknown options and a missing --at value are usage errors")
    func errors() {
        #expect(throws: HostOptions.UsageError(message: "No such option: --nope")) { try HostOptions.parse(["--nope"]) }
        #expect(throws: HostOptions.UsageError(message: "No such option: -x")) { try HostOptions.parse(["-vx"]) }
        #expect(throws: HostOptions.UsageError(message: "Option '--at' requires an argument.")) {
            try HostOptions.parse(["--at"])
        }
    }
}

@Suite("Shell quoting for the --verbose hint")
struct ShellQuotingTests {
    @Test(
        "safe words stay, others are single-quoted",
        arguments: [
            ("auth", "auth"), ("my site", "'my site'"), ("it's", #"'it'\''s'"#), ("", "''"), ("a;b", "'a;b'"),
            ("https://x.com/a?b=c", "'https://x.com/a?b=c'"), ("--at=x.com", "--at=x.com"),
        ])
    func quote(input: String, expected: String) {
        #expect(ShellQuoting.quote(input) == expected)
    }

    @Test("secret option values are redacted in both forms")
    func redaction() {
        let line = ShellQuoting.commandLine(["sites", "add", "--api-key", "abc", "--token=def", "--name", "n n"])
        #expect(line == "sites add --api-key '<redacted>' --token='<redacted>' --name 'n n'")
    }
}
