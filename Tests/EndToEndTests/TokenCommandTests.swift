import Foundation
import Glibc
import Testing

/// `anaconda token ...` on the real binary against the local server (organizations, subscriptions, issued tokens
/// and a repository that checks them), with real files: the keyring, `.condarc` and conda's token files.
@Suite("token commands against the local server")
struct TokenCommandTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
    }

    /// A server, the config pointing at it, the repository URL at it too, and a login.
    func loggedIn(_ knobs: [String] = []) throws -> LocalServerProcess {
        let server = try LocalServerProcess(["--auto-approve"] + knobs, directory: sandbox.root)
        try server.configure(sandbox)
        let login = try run(["auth", "login"], server: server)
        #expect(login.status == 0, "\(login.stderr)")
        return server
    }

    func environment(_ server: LocalServerProcess?, _ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["BINSTAR_CONFIG_DIR": sandbox.root.appendingPathComponent("binstar").path]
        if let server { environment["CONDA_TOKEN_REPO_URL"] = server.baseURL + "/repo/" }
        return sandbox.environment(environment.merging(extra) { $1 })
    }

    func run(_ arguments: [String], server: LocalServerProcess?, _ extra: [String: String] = [:], stdin: String = "")
        throws -> CommandLineResult
    {
        try CommandLineRun.anaconda(arguments, environment: environment(server, extra), stdin: stdin)
    }

    func storedRepoTokens(_ server: LocalServerProcess) throws -> [[String: String]] {
        let keyring = try #require(sandbox.file(".anaconda/keyring"))
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(keyring.utf8)) as? [String: [String: String]])
        let value = try #require(document["Anaconda Cloud"]?[server.domain])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(base64Encoded: value)!) as? [String: Any])
        return record["repo_tokens"] as? [[String: String]] ?? []
    }

    func listJSON(_ server: LocalServerProcess) throws -> [[String: Any]] {
        let list = try run(["token", "list", "--json"], server: server)
        return try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    }

    @Test("install with one business organization: issued, checked, stored with the login, conda configured; list")
    func installOne() throws {
        let server = try loggedIn()
        defer { withExtendedLifetime(server) {} }
        let install = try run(["token", "install", "--yes"], server: server)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("Only one organization found, automatically selecting: acme\n"))
        #expect(install.stderr.contains("Your conda token has been installed and expires 20"))
        #expect(
            install.stderr.hasSuffix(
                "Success! Your token has been installed and validated, and conda has been configured.\n"))
        let tokens = try storedRepoTokens(server)
        #expect(tokens.count == 1 && tokens[0]["org_name"] == "acme")
        let token = try #require(tokens.first?["token"])
        #expect(
            try server.requests(path: "/t/\(token)/repo/main/noarch/repodata.json").first?["method"] as? String
                == "HEAD")
        #expect(
            sandbox.file(".condarc") == """
                default_channels:
                  - \(server.baseURL)/repo/main
                  - \(server.baseURL)/repo/r
                  - \(server.baseURL)/repo/msys2
                channel_settings:
                  - channel: \(server.baseURL)/*
                    auth: anaconda-auth
                add_anaconda_token: true

                """)

        let list = try run(["token", "list"], server: server)
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("Anaconda Repository Tokens\n┏"))
        #expect(list.stdout.contains("│ acme         │ \(server.baseURL)/repo/acme/* │ ****\(token.suffix(4)) │"))
        #expect(!list.stdout.contains(token))
        #expect(try run(["token", "list", "--show-tokens"], server: server).stdout.contains(token))
        let json = try listJSON(server)
        #expect(json.count == 1)
        #expect(json.first?["token"] as? String == token)
        #expect(json.first?["org_name"] as? String == "acme")
        #expect(json.first?["channel_url"] as? String == "\(server.baseURL)/repo/acme/*")
    }

    @Test(
        "no business organization (none, or starter only): the reference's message, exit 1",
        arguments: [
            ["--no-organizations"], ["--organization", "free:Free:starter_tier"],
        ])
    func noOrganizations(knobs: [String]) throws {
        let server = try loggedIn(knobs)
        defer { withExtendedLifetime(server) {} }
        let install = try run(["token", "install", "--yes"], server: server)
        #expect(install.status == 1)
        #expect(install.stderr == "No organizations found.\nAborted.\n")
        #expect(try storedRepoTokens(server).isEmpty)
    }

    @Test("several organizations: off a terminal an error naming --org; on a terminal a picker")
    func severalOrganizations() throws {
        let server = try loggedIn([
            "--organization", "acme:Acme Corp:business", "--organization", "beta:Beta Inc:business",
        ])
        defer { withExtendedLifetime(server) {} }
        let offTerminal = try run(["token", "install", "--yes"], server: server)
        #expect(offTerminal.status == 1)
        #expect(
            offTerminal.stderr.hasPrefix(
                "ValueError: Several organizations found (acme, beta): choose one with --org\n"))

        let session = try PseudoTerminalSession(["token", "install", "--yes"], environment: environment(server))
        try session.expect(
            "Please select an organization:\n  1) Acme Corp (acme)\n  2) Beta Inc (beta)\nEnter a number [1]: ")
        session.send("2\n")
        #expect(try session.waitForExit() == 0, "\(session.transcript)")
        #expect(try storedRepoTokens(server).map { $0["org_name"] } == ["beta"])
    }

    @Test("an existing token: off a terminal an error naming --yes; on a terminal n aborts, y reissues")
    func existingToken() throws {
        let server = try loggedIn(["--existing-token", "acme"])
        defer { withExtendedLifetime(server) {} }
        let offTerminal = try run(["token", "install", "-o", "acme"], server: server)
        #expect(offTerminal.status == 1)
        #expect(offTerminal.stderr.contains("An existing token already exists for the organization acme.\n"))
        #expect(offTerminal.stderr.contains("run again with --yes"))
        #expect(
            try server.requests(path: "/api/organizations/acme/ce/current-token").allSatisfy {
                $0["method"] as? String == "GET"
            })

        let no = try PseudoTerminalSession(
            ["token", "install", "-o", "acme", "--no-set-default-channels"], environment: environment(server))
        try no.expect("This action can't be undone.\nProceed? [y/n] (n): ")
        no.send("n\n")
        #expect(try no.waitForExit() == 1)
        #expect(try storedRepoTokens(server).isEmpty)

        let yes = try PseudoTerminalSession(
            ["token", "install", "-o", "acme", "--no-set-default-channels"], environment: environment(server))
        try yes.expect("Proceed? [y/n] (n): ")
        yes.send("y\n")
        #expect(try yes.waitForExit() == 0, "\(yes.transcript)")
        #expect(try storedRepoTokens(server).map { $0["org_name"] } == ["acme"])
        #expect(sandbox.file(".condarc") == nil, "--no-set-default-channels leaves conda alone")
    }

    @Test("a token the repository refuses: the reference's message, nothing stored, nothing configured")
    func rejectedToken() throws {
        let server = try loggedIn(["--reject-tokens"])
        defer { withExtendedLifetime(server) {} }
        let install = try run(["token", "install", "--yes"], server: server)
        #expect(install.status == 1)
        #expect(
            install.stderr.contains(
                "CondaTokenError: The token could not be validated. Please check that you have typed it correctly.\n"))
        #expect(try storedRepoTokens(server).isEmpty)
        #expect(sandbox.file(".condarc") == nil)
        let given = try run(["token", "install", "not-a-token", "-o", "acme", "--yes"], server: server)
        #expect(given.status == 1)
        #expect(!given.stderr.contains("not-a-token"), "the token is redacted from the --verbose hint")
        #expect(given.stderr.hasSuffix("  anaconda --verbose token install '<redacted>' -o '<redacted>' --yes\n"))
    }

    @Test("config keeps the user's comments, order and other keys; shows the diff and asks; backs up the old file")
    func configInPlace() throws {
        let original = """
            # my conda settings
            channels:
              - defaults   # the usual
              - conda-forge

            default_channels:
              - https://repo.anaconda.com/pkgs/main
            # keep the solver quiet
            always_yes: true

            """
        try Data(original.utf8).write(to: sandbox.home.appendingPathComponent(".condarc"))
        let repository = ["CONDA_TOKEN_REPO_URL": "https://repo.example.com/repo/"]
        let offTerminal = try run(["token", "config"], server: nil, repository)
        #expect(offTerminal.status == 1)
        #expect(
            offTerminal.stderr.contains("Existing default channels found:\n- https://repo.anaconda.com/pkgs/main\n"))
        #expect(offTerminal.stderr.contains("+  - https://repo.example.com/repo/main\n"))
        #expect(offTerminal.stderr.contains("run again with --force"))
        #expect(sandbox.file(".condarc") == original, "nothing written without confirmation")

        let session = try PseudoTerminalSession(["token", "config"], environment: environment(nil, repository))
        try session.expect("Proceed? [y/n] (n): ")
        session.send("y\n")
        #expect(try session.waitForExit() == 0, "\(session.transcript)")
        #expect(
            sandbox.file(".condarc") == """
                # my conda settings
                channels:
                  - defaults   # the usual
                  - conda-forge

                default_channels:
                  - https://repo.example.com/repo/main
                  - https://repo.example.com/repo/r
                  - https://repo.example.com/repo/msys2
                # keep the solver quiet
                always_yes: true
                channel_settings:
                  - channel: https://repo.example.com/*
                    auth: anaconda-auth
                add_anaconda_token: true

                """)
        #expect(sandbox.file(".condarc.bak") == original)
        let again = try run(["token", "config", "--force"], server: nil, repository)
        #expect(again.status == 0)
        #expect(again.stderr.contains("Default channels already configured, nothing to do.\n"))
    }

    @Test(
        "a .condarc that is not valid YAML, or has keys of the wrong type: one line naming file and line, nothing written",
        arguments: [
            ("channels: [a, b\nx: 1\n", "not valid YAML"),
            ("default_channels: 5\n", "line 1: default_channels must be a list"),
            ("a: 1\nchannel_settings:\n  - just-a-string\n", "line 3: channel_settings must be a list of mappings"),
            ("add_anaconda_token: maybe\n", "line 1: add_anaconda_token must be true or false"),
            ("- a\n- b\n", "the top level must be a mapping"),
        ])
    func invalidCondarc(text: String, problem: String) throws {
        let path = sandbox.home.appendingPathComponent(".condarc")
        try Data(text.utf8).write(to: path)
        let result = try run(["token", "config", "--force"], server: nil)
        #expect(result.status == 1)
        let headline = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(!result.stderr.contains("Configuring"), "the file is checked before anything is said about it")
        #expect(headline.hasPrefix("CondaRCError: \(path.path)"), "\(result.stderr)")
        #expect(headline.contains(problem), "\(headline)")
        #expect(headline.hasSuffix("nothing was changed"))
        #expect(sandbox.file(".condarc") == text)
        #expect(sandbox.file(".condarc.bak") == nil)
    }

    @Test("set writes conda's token file and the chosen .condarc (--file, --env, --system); remove undoes both")
    func setAndRemove() throws {
        let binstar = sandbox.root.appendingPathComponent("binstar/data")
        let tokenFile = binstar.appendingPathComponent("https%3A%2F%2Frepo.example.com%2Frepo%2F.token").path
        let repository = ["CONDA_TOKEN_REPO_URL": "https://repo.example.com/repo/"]
        let prefix = sandbox.root.appendingPathComponent("envs/work")
        let root = sandbox.root.appendingPathComponent("conda")
        let locations: [([String], [String: String], String)] = [
            (
                ["--file", sandbox.root.appendingPathComponent("custom.condarc").path], [:],
                sandbox.root.appendingPathComponent("custom.condarc").path
            ),
            (["--env"], ["CONDA_PREFIX": prefix.path], prefix.appendingPathComponent(".condarc").path),
            (["--system"], ["CONDA_ROOT": root.path], root.appendingPathComponent(".condarc").path),
        ]
        for (options, extra, path) in locations {
            let environment = repository.merging(extra) { $1 }
            let set = try run(["token", "set", "s3cret-token"] + options + ["--yes"], server: nil, environment)
            #expect(set.status == 0, "\(set.stderr)")
            #expect(!set.stderr.contains("s3cret-token"))
            #expect((try? String(contentsOfFile: tokenFile, encoding: .utf8)) == "s3cret-token")
            var info = stat()
            #expect(stat(tokenFile, &info) == 0 && info.st_mode & 0o777 == 0o600)
            let written = try String(contentsOfFile: path, encoding: .utf8)
            #expect(
                written.contains("add_anaconda_token: true\n")
                    && written.contains("  - https://repo.example.com/repo/main\n"))
            #expect(sandbox.file(".condarc") == nil, "only the chosen file is written")
            let list = try run(["token", "list", "--json"], server: nil, environment)
            #expect(list.stdout.contains("\"channel_url\": \"https://repo.example.com/repo/\""))
            #expect(list.stdout.contains("\"token\": \"s3cret-token\""))

            let remove = try run(["token", "remove"] + options + ["--yes"], server: nil, environment)
            #expect(remove.status == 0, "\(remove.stderr)")
            #expect(!FileManager.default.fileExists(atPath: tokenFile))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
        }
        let both = try run(["token", "set", "x", "--env", "--system"], server: nil, repository)
        #expect(both.status == 2)
    }

    @Test("conda on PATH: its index cache is cleared with `conda clean -i -y -q`")
    func condaClean() throws {
        let bin = sandbox.root.appendingPathComponent("fake-conda/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let record = sandbox.root.appendingPathComponent("conda-calls").path
        let script = bin.appendingPathComponent("conda").path
        try Data("#!/bin/sh\necho \"$@\" >> \(record)\n".utf8).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
        let result = try run(
            ["token", "config", "--force"], server: nil,
            ["PATH": "\(bin.path):/usr/bin:/bin", "CONDA_TOKEN_REPO_URL": "https://repo.example.com/repo/"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try? String(contentsOfFile: record, encoding: .utf8)) == "clean -i -y -q\n")
        #expect(!result.stderr.contains("conda was not found"))
    }

    @Test("uninstall: one organization, all, a missing one, and the argument check")
    func uninstall() throws {
        let server = try loggedIn(["--organization", "acme", "--organization", "beta"])
        defer { withExtendedLifetime(server) {} }
        for org in ["acme", "beta"] {
            #expect(
                try run(["token", "install", "-o", org, "--yes", "--no-set-default-channels"], server: server).status
                    == 0)
        }
        let one = try run(["token", "uninstall", "-o", "acme"], server: server)
        #expect(one.status == 0)
        #expect(one.stderr == "Successfully deleted token for organization: acme\n")
        #expect(try storedRepoTokens(server).map { $0["org_name"] } == ["beta"])
        let missing = try run(["token", "uninstall", "-o", "acme"], server: server)
        #expect(missing.status == 1)
        let all = try run(["token", "uninstall", "--all"], server: server)
        #expect(all.stderr == "Successfully deleted all repo tokens.\n")
        #expect(try storedRepoTokens(server).isEmpty)
        let neither = try run(["token", "uninstall"], server: server)
        #expect(neither.status == 2)
        #expect(neither.stderr.contains("Must explicitly provide an --org option"))
        let list = try run(["token", "list"], server: server)
        #expect(list.status == 1)
        #expect(list.stderr == "No repo tokens are installed. Run anaconda token install.\nAborted.\n")
    }

    @Test("login keeps the repository tokens; logout removes them with the login (as the reference)")
    func loginAndLogout() throws {
        let server = try loggedIn()
        defer { withExtendedLifetime(server) {} }
        #expect(try run(["token", "install", "--yes", "--no-set-default-channels"], server: server).status == 0)
        #expect(try run(["auth", "login", "--force"], server: server).status == 0)
        #expect(try storedRepoTokens(server).map { $0["org_name"] } == ["acme"])
        #expect(try run(["auth", "logout"], server: server).status == 0)
        #expect(try run(["token", "list"], server: server).status == 1)
    }

    @Test("the keyring entry is shared with the Python reference's TokenInfo, both ways")
    func pythonInterop() throws {
        let server = try loggedIn()
        defer { withExtendedLifetime(server) {} }
        #expect(try run(["token", "install", "--yes", "--no-set-default-channels"], server: server).status == 0)
        let ours = try #require(try storedRepoTokens(server).first?["token"])
        let script = """
            from anaconda_auth.token import TokenInfo
            info = TokenInfo.load()
            print(info.get_repo_token("acme"))
            info.set_repo_token("python-org", "py-token-123")
            info.save()
            """
        let python = try ReferenceCLI.run(
            "python", ["-c", script],
            environment: sandbox.environment([
                "ANACONDA_AUTH_DOMAIN": server.domain, "ANACONDA_AUTH_SSL_VERIFY": "false",
            ]))
        #expect(python.status == 0, "\(python.stderr)")
        #expect(python.stdout == ours + "\n")
        let json = try listJSON(server)
        #expect(json.map { $0["org_name"] as? String } == ["acme", "python-org"])
        #expect(json.last?["token"] as? String == "py-token-123")
        #expect(try run(["auth", "api-key"], server: server).status == 0, "the login survived the Python rewrite")
    }

    @Test("--verbose never shows a repository token")
    func verboseHidesTokens() throws {
        let server = try loggedIn()
        defer { withExtendedLifetime(server) {} }
        let install = try run(["--verbose", "token", "install", "--yes", "--no-set-default-channels"], server: server)
        #expect(install.status == 0, "\(install.stderr)")
        let token = try #require(try storedRepoTokens(server).first?["token"])
        #expect(!install.stderr.contains(token))
        #expect(install.stderr.contains("/t/<redacted>/repo/main/noarch/repodata.json"))
    }

    @Test("a .condarc with lone carriage returns (found by the fuzz target condarc) is configured, not a crash")
    func loneCarriageReturns() throws {
        let text = "channels: [defaults]\ndefault_channels: []\n\nchannel_settings: []\r-g: r\n"
        try Data(text.utf8).write(to: sandbox.home.appendingPathComponent(".condarc"))
        let result = try run(
            ["token", "config", "--force"], server: nil, ["CONDA_TOKEN_REPO_URL": "https://repo.example.com/repo/"])
        #expect(!result.wasKilledBySignal)
        #expect(result.status == 0 || result.stderr.hasPrefix("CondaRCError: "), "\(result.stderr)")
    }
}
