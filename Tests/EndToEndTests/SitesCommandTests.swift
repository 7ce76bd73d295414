import Foundation
import Testing

/// `anaconda sites ...` on the real binary, against real files in a temporary home.
@Suite("sites commands")
struct SitesCommandTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
    }

    func run(_ arguments: [String], stdin: String = "") throws -> CommandLineResult {
        try CommandLineRun.anaconda(["sites"] + arguments, environment: sandbox.environment(), stdin: stdin)
    }

    var config: String? { sandbox.file(".anaconda/config.toml") }

    static let userFile = """
        # my settings
        [plugin.auth]
        # auth comment
        ssl_verify = true  # inline comment

        [other.table]
        key = "value"  # keep me

        [telemetry]
        enabled = false

        """

    @Test("add keeps the user's comments and other tables, writes 0600 and keeps a backup")
    func addKeepsTheRest() throws {
        try sandbox.writeConfig(Self.userFile)
        let result = try run([
            "add", "--domain", "https://localhost:8443/", "--name", "fake", "--no-ssl-verify",
            "--extra-headers", #"{"X-A":"b"}"#, "--yes",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(
            config == """
                # my settings
                default_site = "fake"

                [plugin.auth]
                # auth comment
                ssl_verify = true  # inline comment

                [other.table]
                key = "value"  # keep me

                [telemetry]
                enabled = false

                [sites.fake]
                domain = "localhost:8443"
                ssl_verify = false

                [sites.fake.extra_headers]
                X-A = "b"

                """)
        let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.configPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let backups = try FileManager.default.contentsOfDirectory(
            atPath: sandbox.home.appendingPathComponent(".anaconda").path
        )
        .filter { $0.hasPrefix("config.backup.") }
        #expect(backups.count == 1)
        #expect(sandbox.file(".anaconda/\(backups[0])") == Self.userFile)
    }

    @Test("on an empty home, add writes exactly the reference's file")
    func addOnEmptyHome() throws {
        let result = try run([
            "add", "--domain", "https://localhost:8443/", "--name", "fake", "--no-ssl-verify",
            "--extra-headers", #"{"X-A":"b"}"#, "--yes",
        ])
        #expect(result.status == 0)
        #expect(
            config == """
                default_site = "fake"

                [sites.fake]
                domain = "localhost:8443"
                ssl_verify = false

                [sites.fake.extra_headers]
                X-A = "b"

                """)
    }

    @Test("--dry-run prints a unified diff and writes nothing; the prompt takes y, n or end of input")
    func confirmation() throws {
        let dryRun = try run(["add", "--domain", "localhost:8443", "--name", "fake", "--dry-run"])
        #expect(dryRun.status == 0)
        let lines = dryRun.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "--- \(sandbox.configPath)")
        #expect(lines[1].hasPrefix("+++ \(sandbox.configPath)\t"))
        #expect(
            Array(lines[2...]) == [
                "@@ -0,0 +1,4 @@", "+default_site = \"fake\"", "+", "+[sites.fake]",
                "+domain = \"localhost:8443\"", "",
            ])
        #expect(config == nil)

        let no = try run(["add", "--domain", "localhost:8443", "--name", "fake"], stdin: "n\n")
        #expect(no.status == 0)
        #expect(no.stderr == "Confirm: [y/n]: ")
        #expect(config == nil)

        let eof = try run(["add", "--domain", "localhost:8443", "--name", "fake"])
        #expect(eof.status == 1)
        #expect(eof.stderr == "Confirm: [y/n]: \nAborted.\n")
        #expect(config == nil)

        let yes = try run(["add", "--domain", "localhost:8443", "--name", "fake"], stdin: "maybe\ny\n")
        #expect(yes.status == 0)
        #expect(yes.stderr == "Confirm: [y/n]: Please enter Y or N\nConfirm: [y/n]: Wrote \(sandbox.configPath)\n")
        #expect(config?.contains("[sites.fake]\ndomain = \"localhost:8443\"\n") == true)
    }

    @Test("modify by name or domain, --default, and no change")
    func modify() throws {
        try sandbox.writeConfig(
            """
            default_site = "fake"  # the default

            [sites.fake]
            # fake comment
            domain = "localhost:8443"
            ssl_verify = false

            [sites.other]
            domain = "other.example.com"
            """)
        #expect(try run(["modify", "--domain", "localhost:8443", "--ssl-verify", "-y"]).status == 0)
        #expect(
            try run([
                "modify", "--name", "other", "--domain", "new.example.com", "--default",
                "--extra-headers", #"{"X-B": "c"}"#, "-y",
            ]).status == 0)
        #expect(
            config == """
                default_site = "other"  # the default

                [sites.fake]
                # fake comment
                domain = "localhost:8443"
                ssl_verify = true

                [sites.other]
                domain = "new.example.com"

                [sites.other.extra_headers]
                X-B = "c"

                """)
        let same = try run(["modify", "--name", "fake", "--ssl-verify", "-y"])
        #expect(same.status == 0)
        #expect(same.stderr == "No change to \(sandbox.configPath)\n")

        let unknown = try run(["modify", "--name", "nope", "-y"])
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr.hasPrefix(
                "UnknownSiteName: The site or domain nope has not been configured in \(sandbox.configPath)\n"))
    }

    @Test("remove moves the default to the first remaining site; the only site cannot be removed")
    func remove() throws {
        try sandbox.writeConfig(
            """
            default_site = "a"

            [sites.a]
            domain = "a.example.com"

            [sites.b]
            domain = "b.example.com"

            [plugin.auth]
            ssl_verify = false
            """)
        #expect(try run(["remove", "a.example.com", "--yes"]).status == 0)
        #expect(
            config == """
                default_site = "b"

                [sites.b]
                domain = "b.example.com"

                [plugin.auth]
                ssl_verify = false

                """)
        let only = try run(["remove", "b", "--yes"])
        #expect(only.status == 1)
        #expect(only.stderr == "b is the only configured site and cannot be removed\n")
        let unknown = try run(["remove", "nope", "--yes"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "The site or domain nope has not been configured in \(sandbox.configPath)\n")
    }

    @Test(
        "argument errors print the reference's message and exit 2; a duplicate name exits 1",
        arguments: [
            (["add", "--name", "foo", "--yes"], "You must supply at least --domain to a add a new site\n", Int32(2)),
            (
                ["add", "--domain", "x.com", "--extra-headers", "{bad", "--yes"],
                "extra-headers={bad could not be parsed as JSON\n", 2
            ),
            (
                ["add", "--domain", "x.com", "--proxy-servers", "[", "--yes"],
                "proxy-servers=[ could not be parsed as JSON\n", 2
            ),
            (
                ["add", "--domain", "x.com", "--no-ssl-verify", "--use-truststore", "--yes"],
                "Cannot set both --use-truststore and --no-ssl-verify\n", 2
            ),
            (
                ["modify", "--ssl-verify", "--yes"],
                "You must supply at least one of --domain or --name to modify a site\n", 2
            ),
            (
                ["add", "--domain", "anaconda.com", "--yes"],
                "A site with name anaconda.com already exists, use the modify subcommand to alter it\n", 1
            ),
        ])
    func argumentErrors(arguments: [String], message: String, status: Int32) throws {
        let result = try run(arguments)
        #expect(result.status == status)
        #expect(result.stderr == message)
        #expect(config == nil)
    }

    @Test("an invalid domain is a validation error naming the argument")
    func invalidDomain() throws {
        let result = try run(["add", "--domain", "http://", "--yes"])
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                """
                AnacondaConfigValidationError: 
                - Error in argument --domain=http://
                    Value error, http:// does not look like a domain name
                """))
    }

    @Test("list shows the sites, the default and which are logged in")
    func list() throws {
        try sandbox.writeConfig(
            "[sites.fake]\ndomain = \"localhost:8443\"\n\n[sites.other]\ndomain = \"other.example.com\"\n")
        let token = Data(#"{"domain":"localhost:8443","api_key":"k","repo_tokens":[],"version":2}"#.utf8)
            .base64EncodedString()
        try Data(#"{"Anaconda Cloud": {"localhost:8443": "\#(token)"}}"#.utf8).write(
            to: sandbox.home.appendingPathComponent(".anaconda/keyring"))
        let result = try run(["list"])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                ┏━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━━┓
                ┃ Site name ┃ Domain name       ┃ Default site ┃ Logged in ┃
                ┡━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━┩
                │ fake      │ localhost:8443    │ ✔︎            │ ✔︎         │
                │ other     │ other.example.com │              │           │
                └───────────┴───────────────────┴──────────────┴───────────┘
                To view full site details use anaconda sites show [name or domain]

                """)
    }

    @Test("a TOML syntax error is one line with file, line and column; --help still works")
    func syntaxError() throws {
        try sandbox.writeConfig("[sites.fake\ndomain = 1\n")
        let show = try run(["show"])
        #expect(show.status == 1)
        let first = show.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("AnacondaConfigTomlSyntaxError: \(sandbox.configPath): "))
        #expect(first.hasSuffix("(at line 1, column 12)"))
        let help = try CommandLineRun.anaconda(["--help"], environment: sandbox.environment())
        #expect(help.status == 0)
        #expect(help.stdout.contains("sites"))
    }

    @Test(
        "sites show prints the same resolved configuration as the Python reference",
        arguments: [
            ["show"], ["show", "other.example.com"], ["show", "--all"], ["show", "fake", "--show-hidden"],
        ])
    func showMatchesReference(arguments: [String]) throws {
        try sandbox.writeConfig(
            """
            [sites.fake]
            domain = "localhost:8443"
            ssl_verify = false
            use_device_flow = false

            [sites.other]
            domain = "https://other.example.com/"

            [sites.other.extra_headers]
            X-A = "b"

            [plugin.auth]
            client_id = "my-client"
            """)
        var environment = sandbox.environment()
        environment["ANACONDA_AUTH_HASH_HOSTNAME"] = "0"
        let ours = try CommandLineRun.anaconda(["sites"] + arguments, environment: environment)
        let reference = try ReferenceCLI.run("anaconda", ["sites"] + arguments, environment: environment)
        #expect(ours.status == 0)
        #expect(reference.status == 0, "\(reference.stdout)\(reference.stderr)")
        #expect(ours.stdout == reference.stdout)
    }
}
