import Foundation
import Testing

/// `anaconda auth ...` and `anaconda login|whoami|logout` on the real binary against the real local server.
@Suite("auth commands against the local server")
struct AuthCommandTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
    }

    func server(_ knobs: [String] = ["--auto-approve"]) throws -> LocalServerProcess {
        let server = try LocalServerProcess(knobs, directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        return server
    }

    func run(_ arguments: [String], _ extra: [String: String] = [:], stdin: String = "") throws -> CommandLineResult {
        try CommandLineRun.anaconda(arguments, environment: sandbox.environment(extra), stdin: stdin)
    }

    @Test("device login, api-key, whoami and logout, end to end")
    func fullCycle() throws {
        let server = try server()
        defer { withExtendedLifetime(server) {} }
        let login = try run(["auth", "login"])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.isEmpty)
        #expect(
            login.stderr.contains(
                "open the following URL on any device:\n\n\(server.baseURL)/device\n\nThen enter the code:\n\n"))
        #expect(login.stderr.hasSuffix("✓ Login successful!\n"))
        #expect(!login.stderr.contains("Attempting to automatically open"), "no browser can be opened here")

        let key = try run(["auth", "api-key"])
        #expect(key.status == 0)
        #expect(key.stdout.split(separator: ".").count == 3)
        #expect(sandbox.file(".anaconda/keyring")?.contains("\"\(server.domain)\"") == true)

        let whoami = try run(["auth", "whoami"])
        #expect(whoami.status == 0)
        #expect(
            whoami.stdout == """
                {
                  "domain": "\(server.domain)",
                  "profile": {
                    "is_confirmed": true,
                    "is_consented": true,
                    "is_disabled": false
                  },
                  "subscriptions": [
                    {
                      "org_id": "00000000-0000-4000-8000-000000000001",
                      "product_code": "commercial_business"
                    }
                  ],
                  "user": {
                    "email": "me@example.com",
                    "first_name": "Ana",
                    "id": "u-1",
                    "last_name": "Conda",
                    "username": "me"
                  }
                }

                """)
        let account = try #require(try server.requests(path: "/api/account").last)
        let headers = try #require(account["headers"] as? [String: String])
        #expect(headers["User-Agent"] == "anaconda-auth/0.1.0")
        #expect(headers["Authorization"] == "Bearer " + key.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(headers["X-Client-Hostname"]?.count == 22)

        let logout = try run(["auth", "logout"])
        #expect(logout.status == 0)
        #expect(try server.requests(path: "/api/auth/oauth2/revoke").count == 1)
        let after = try run(["auth", "whoami"])
        #expect(after.status == 4)
        #expect(after.stderr.hasPrefix("AuthenticationMissingError: Login is required to complete this action.\n"))
        let missing = try run(["auth", "api-key"])
        #expect(missing.status == 4)
        #expect(missing.stderr.hasPrefix("TokenNotFoundError: Login is required to complete this action.\n"))
    }

    @Test("the top-level login routes to the auth plugin; pending polls are waited out")
    func topLevelLogin() throws {
        let server = try server(["--auto-approve", "--pending-polls", "2"])
        defer { withExtendedLifetime(server) {} }
        let login = try run(["login"])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(try run(["whoami"]).status == 0)
    }

    @Test(
        "device flow errors",
        arguments: [
            (["--deny"], "DeviceFlowDenied: User denied authorization"),
            (["--expire"], "DeviceFlowTimeout: Device code expired"),
            (["--no-device-endpoint"], "DeviceFlowError: Server does not support device authorization"),
        ])
    func deviceErrors(knobs: [String], headline: String) throws {
        let server = try server(["--auto-approve"] + knobs)
        defer { withExtendedLifetime(server) {} }
        let login = try run(["auth", "login"])
        #expect(login.status == 1)
        #expect(login.stderr.contains(headline + "\n"))
        #expect(sandbox.file(".anaconda/keyring") == nil)
    }

    // slow_down (5 s more per poll) is tested in process with a test clock: DeviceFlowClockTests.

    @Test("polling stops at expires_in with the reference's message")
    func deviceTimeout() throws {
        let server = try server(["--expires-in", "1", "--interval", "2"])
        defer { withExtendedLifetime(server) {} }
        let login = try run(["auth", "login"])
        #expect(login.status == 1)
        #expect(login.stderr.contains("DeviceFlowTimeout: Device authorization timed out\n"))
    }

    @Test("already logged in: the reference's question; n keeps the key, y logs in again, end of input aborts")
    func alreadyLoggedIn() throws {
        let server = try server()
        defer { withExtendedLifetime(server) {} }
        #expect(try run(["auth", "login"]).status == 0)
        let first = try run(["auth", "api-key"]).stdout
        let question =
            "You are already logged into Anaconda (\(server.domain)). Would you like to force a new login? [y/n] (n): "
        let no = try run(["auth", "login"], stdin: "n\n")
        #expect(no.status == 0)
        #expect(no.stderr == question)
        #expect(try run(["auth", "api-key"]).stdout == first)
        let eof = try run(["auth", "login"])
        #expect(eof.status == 1)
        #expect(eof.stderr == question + "\nAborted.\n")
        let yes = try run(["auth", "login"], stdin: "y\n")
        #expect(yes.status == 0)
        #expect(try run(["auth", "api-key"]).stdout != first)
    }

    @Test("a non-201 from the first API-key endpoint falls back to /api/iam/api-keys")
    func mintFallback() throws {
        let server = try server(["--auto-approve", "--first-mint-status", "404"])
        defer { withExtendedLifetime(server) {} }
        #expect(try run(["auth", "login"]).status == 0)
        #expect(try server.requests(path: "/api/auth/api-keys").count == 1)
        let iam = try #require(try server.requests(path: "/api/iam/api-keys").first)
        #expect(
            iam["body"] as? String
                == #"{"scopes": ["cloud:read", "cloud:write", "repo:read"], "tags": ["anaconda-auth/v0.15.3"]}"#)
    }

    @Test("both API-key endpoints failing: the reference's message, nothing stored")
    func mintFailure() throws {
        let server = try server(["--auto-approve", "--first-mint-status", "404", "--second-mint-status", "500"])
        defer { withExtendedLifetime(server) {} }
        let login = try run(["auth", "login"])
        #expect(login.status == 1)
        #expect(login.stderr.contains("Error retrieving an API key\nAuthenticationError: \n"))
        #expect(sandbox.file(".anaconda/keyring") == nil)
    }

    @Test("browser login: PKCE S256, loopback redirect, state checked")
    func browserLogin() throws {
        let server = try server()
        defer { withExtendedLifetime(server) {} }
        let browser = sandbox.root.appendingPathComponent("browser.sh")
        try Data(
            """
            #!/bin/sh
            (sleep 0.2; curl -s -o /dev/null -L --cacert '\(server.caPath)' "$1") >/dev/null 2>&1 &
            """.utf8
        ).write(to: browser)
        chmod(browser.path, 0o755)
        let environment = ["BROWSER": browser.path, "ANACONDA_AUTH_REDIRECT_URI": "http://127.0.0.1:0/auth/oidc"]
        let login = try run(["auth", "login", "--browser"], environment)
        #expect(login.status == 0, "\(login.stderr)")
        #expect(
            login.stderr.contains(
                "Open the following URL in a browser to log in:\n\n\(server.baseURL)/api/auth/oauth2/authorize?"))
        let authorize = try #require(try server.requests(path: "/api/auth/oauth2/authorize").first)
        #expect((authorize["query"] as? String)?.contains("code_challenge_method=S256") == true)
        let token = try #require(try server.requests(path: "/api/auth/oauth2/token").last)
        #expect((token["body"] as? String)?.contains("code_verifier=") == true)
        #expect(try run(["auth", "api-key"]).status == 0)
    }

    @Test(
        "browser login: a stray request first is answered 404; a wrong state or an error callback stores nothing",
        arguments: [
            ("favicon-first", Int32(0), ""),
            ("wrong-state", 1, "AuthenticationError: State does not match"),
            ("error", 1, "AuthenticationError: The login was not completed: access_denied - The user said no"),
        ])
    func browserCallbacks(mode: String, status: Int32, headline: String) throws {
        let server = try server()
        defer { withExtendedLifetime(server) {} }
        let environment = [
            "BROWSER": BuiltProducts.repositoryRoot.appendingPathComponent(
                "Tests/EndToEndTests/Fixtures/fake_browser.sh"
            ).path,
            "FAKE_BROWSER_MODE": mode, "FAKE_BROWSER_CA": server.caPath,
            "ANACONDA_AUTH_REDIRECT_URI": "http://127.0.0.1:0/auth/oidc", "PATH": "/usr/bin:/bin:/usr/local/bin",
        ]
        let login = try run(["auth", "login", "--browser"], environment)
        #expect(login.status == status, "\(login.stderr)")
        if status == 0 {
            #expect(try run(["auth", "api-key"]).status == 0)
        } else {
            #expect(login.stderr.contains(headline + "\n"))
            #expect(sandbox.file(".anaconda/keyring") == nil)
        }
    }

    @Test("a busy redirect port is reported before any browser opens")
    func busyPort() throws {
        let server = try server()
        defer { withExtendedLifetime(server) {} }
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        listen(listener, 1)
        defer { close(listener) }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let port = UInt16(bigEndian: bound.sin_port)
        let login = try run(
            ["auth", "login", "--browser"], ["ANACONDA_AUTH_REDIRECT_URI": "http://127.0.0.1:\(port)/auth/oidc"])
        #expect(login.status == 1)
        #expect(login.stderr.hasPrefix("OSError: [Errno 98] Address already in use: 127.0.0.1:\(port)"))
        #expect(login.stderr.contains("log in with --device"))
        #expect(!login.stderr.contains("Open the following URL"))
    }

    @Test("an API key from the environment: api-key prints it; login and logout refuse up front")
    func keyFromEnvironment() throws {
        let server = try server()
        defer { withExtendedLifetime(server) {} }
        let key = makeKey()
        let environment = ["ANACONDA_AUTH_API_KEY": key]
        #expect(try run(["auth", "api-key"], environment).stdout == key + "\n")
        let login = try run(["auth", "login"], environment)
        #expect(login.status == 1)
        #expect(
            login.stderr.hasPrefix(
                "PasswordSetError: This keyring cannot set passwords: the credential comes from environment variable ANACONDA_AUTH_API_KEY"
            ))
        #expect(try server.requests(path: "/.well-known/openid-configuration").isEmpty)
        let logout = try run(["auth", "logout"], environment)
        #expect(logout.status == 0)
        #expect(logout.stderr.contains("still provides an API key"))
        #expect(try run(["auth", "whoami"], environment).status == 0)
    }

    @Test("a key the server rejects is InvalidAuthentication; off a terminal that is guidance and exit 4")
    func rejectedKey() throws {
        let key = makeKey()
        let server = try server(["--reject-key", key])
        defer { withExtendedLifetime(server) {} }
        let result = try run(["auth", "whoami"], ["ANACONDA_AUTH_API_KEY": key])
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("InvalidAuthentication: Your provided API Key or login token is invalid\n"))
    }

    @Test("--verbose traces requests with the Authorization value redacted")
    func verboseRedaction() throws {
        let server = try server()
        defer { withExtendedLifetime(server) {} }
        let key = makeKey()
        let result = try run(["--verbose", "auth", "whoami"], ["ANACONDA_AUTH_API_KEY": key])
        #expect(result.status == 0)
        #expect(result.stderr.contains("debug: HTTP GET https://localhost:"))
        #expect(result.stderr.contains("Authorization: Bearer ***"))
        #expect(!result.stderr.contains(key))
        #expect(!result.stdout.contains(key))
    }

    @Test("on a terminal, y logs in with the auth plugin and the command runs again")
    func interactiveLoginRetry() throws {
        let server = try server()
        defer { withExtendedLifetime(server) {} }
        let session = try PseudoTerminalSession(["auth", "api-key"], environment: sandbox.environment())
        try session.expect(
            "TokenNotFoundError: Login is required to complete this action.\nContinue with interactive login? [y/n]: ")
        session.send("y\n")
        #expect(try session.waitForExit() == 0)
        #expect(session.transcript.contains("✓ Login successful!\n"))
        let lastLine = session.transcript.split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastLine.split(separator: ".").count == 3, "the re-run printed the key: \(session.transcript)")
    }

    @Test("the Python reference logs in against the local server, and we use its login")
    func referenceLogsIn() throws {
        let server = try server()
        defer { withExtendedLifetime(server) {} }
        let reference = try ReferenceCLI.run(
            "anaconda", ["auth", "login"], environment: sandbox.environment(["BROWSER": "true"]))
        #expect(reference.status == 0, "\(reference.stdout)\(reference.stderr)")
        #expect(reference.stdout.contains("Login successful!"))
        let whoami = try run(["auth", "whoami"])
        #expect(whoami.status == 0)
        #expect(whoami.stdout.contains("\"email\": \"me@example.com\""))
    }

    func makeKey() -> String {
        func encode(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        return encode(#"{"alg":"RS256","typ":"JWT"}"#) + "." + encode(#"{"exp":4102444800,"sub":"ci"}"#) + ".c2ln"
    }
}
