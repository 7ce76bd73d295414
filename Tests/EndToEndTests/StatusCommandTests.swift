import Foundation
import Testing

/// `anaconda auth status` on the real binary: logged in, logged out, expired, a key from the environment, several
/// sites, `--json`, `--check` against the local server. Never a token in the output.
@Suite("auth status")
struct StatusCommandTests {
    let sandbox: Sandbox
    let validKey = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"
    let expiredKey = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjEwMDAsInN1YiI6ImNpIn0.c2ln"

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
    }

    func run(_ arguments: [String], _ extra: [String: String] = [:]) throws -> CommandLineResult {
        try CommandLineRun.anaconda(["auth", "status"] + arguments, environment: sandbox.environment(extra))
    }

    func json(_ result: CommandLineResult) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test(
        "logged out: not logged in, exit 1; a key from the environment: its source and expiry, exit 0; expired: exit 1")
    func keys() throws {
        let out = try run([])
        #expect(out.status == 1)
        #expect(out.stdout == "anaconda.com (default)\n  ✗ not logged in (anaconda login --at anaconda.com)\n")

        let environment = try run([], ["ANACONDA_AUTH_API_KEY": validKey])
        #expect(environment.status == 0)
        #expect(environment.stdout.contains("✓ logged in, key from environment variable ANACONDA_AUTH_API_KEY\n"))
        #expect(environment.stdout.contains("key expires on 2100-01-01 (in "))
        #expect(!environment.stdout.contains(validKey))

        let expired = try run(["--json"], ["ANACONDA_AUTH_API_KEY": expiredKey])
        #expect(expired.status == 1)
        let record = try #require(try json(expired).first)
        #expect(record["expired"] as? Bool == true)
        #expect(record["usable"] as? Bool == false)
        #expect(record["expires_at"] as? Int == 1000)
        #expect(!expired.stdout.contains(expiredKey))
    }

    @Test("several sites, one logged in through the local server: each listed, --at narrows, --check asks the server")
    func sites() throws {
        let server = try LocalServerProcess(["--auto-approve"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try sandbox.writeConfig(
            """
            default_site = "local"

            [sites.local]
            domain = "\(server.domain)"
            ssl_verify = "\(server.caPath)"

            [sites.other]
            domain = "other.example.com"

            """)
        #expect(
            try CommandLineRun.anaconda(["auth", "login", "--at", "local"], environment: sandbox.environment()).status
                == 0)
        let all = try run(["--json"])
        #expect(all.status == 1, "one site has no login")
        let records = try json(all)
        #expect(records.map { $0["site"] as? String } == ["local", "other"])
        #expect(records.map { $0["logged_in"] as? Bool } == [true, false])
        #expect(records.first?["default"] as? Bool == true)
        #expect((records.first?["storage"] as? String)?.hasPrefix("file keyring ") == true)

        let local = try run(["--at", "local", "--check"])
        #expect(local.status == 0, "\(local.stderr)")
        #expect(
            local.stdout.hasPrefix("local (default)\n  domain: \(server.domain)\n  ✓ logged in, key from file keyring ")
        )
        #expect(local.stdout.hasSuffix("  the server accepts the key\n"))
        #expect(try server.requests(path: "/api/account").count == 1, "--check makes the only request")
    }

    @Test("api_key_expiration_days: the key a login creates expires when asked (the local server honours expires_at)")
    func keyLifetime() throws {
        let server = try LocalServerProcess(["--auto-approve"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let login = try CommandLineRun.anaconda(
            ["auth", "login"], environment: sandbox.environment(["ANACONDA_AUTH_API_KEY_EXPIRATION_DAYS": "7"]))
        #expect(login.status == 0, "\(login.stderr)")
        let record = try #require(try json(try run(["--json"])).first)
        let expiresAt = try #require(record["expires_at"] as? Int)
        let days = (Double(expiresAt) - Date().timeIntervalSince1970) / 86_400
        #expect(days > 6.9 && days <= 7.0, "\(days) days")
        let body = try #require(try server.requests(path: "/api/auth/api-keys").last?["body"] as? String)
        #expect(body.contains("\"expires_at\": \"20"))

        let invalid = try CommandLineRun.anaconda(
            ["auth", "login", "--force"],
            environment: sandbox.environment(["ANACONDA_AUTH_API_KEY_EXPIRATION_DAYS": "0"]))
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("ANACONDA_AUTH_API_KEY_EXPIRATION_DAYS"))
    }
}
