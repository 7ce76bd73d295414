import Foundation
import Glibc
import Testing

/// The HTTP client through `anaconda auth whoami` against the local server: TLS settings, client certificates,
/// retries, headers and proxies, over real sockets.
@Suite("HTTP client")
struct HTTPClientTests {
    let sandbox: Sandbox
    let key = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
    }

    func whoami(_ extra: [String: String] = [:]) throws -> CommandLineResult {
        try CommandLineRun.anaconda(
            ["auth", "whoami"], environment: sandbox.environment(["ANACONDA_AUTH_API_KEY": key].merging(extra) { $1 }))
    }

    @Test("ssl_verify: a self-signed server fails verification naming the host; false and a CA path work")
    func tlsVerification() throws {
        let server = try LocalServerProcess([], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try sandbox.writeConfig("[plugin.auth]\ndomain = \"\(server.domain)\"\n")
        let failed = try whoami()
        #expect(failed.status == 1)
        #expect(
            failed.stderr.hasPrefix(
                "SSLError: Cannot verify \(server.domain): its certificate is not signed by a trusted authority. Set ssl_verify "
                    + "to the CA bundle that signed its certificate, or to false to turn verification off\n"))
        #expect(!failed.stderr.contains("libcurl"), "the transport's own words only with --verbose")
        #expect(try whoami(["ANACONDA_AUTH_SSL_VERIFY": "false"]).status == 0)
        #expect(try whoami(["ANACONDA_AUTH_SSL_VERIFY": server.caPath]).status == 0)
    }

    /// A loopback port with nothing listening (bound, read, closed).
    private func closedPort() -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 ? getsockname(socket, pointer, &length) : -1
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    @Test("a refused connection is retried by the retry policy only, then one ConnectionError; an unknown host at once")
    func connectionFailuresAreQuick() throws {
        let domain = "127.0.0.1:\(closedPort())"
        let start = ContinuousClock.now
        let refused = try CommandLineRun.anaconda(
            ["--verbose", "auth", "whoami"],
            environment: sandbox.environment(["ANACONDA_AUTH_API_KEY": key, "ANACONDA_AUTH_DOMAIN": domain]))
        let elapsed = ContinuousClock.now - start
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "\nConnectionError: Cannot connect to \(domain): the connection was refused (is the server running?)\n")
        )
        #expect(
            refused.stderr.contains("Caused by: AnacondaAuth.TransportDetails: libcurl: "), "details with --verbose")
        #expect(refused.stderr.components(separatedBy: "debug: Retrying GET").count - 1 == 3)
        // A refused connection is retried after 0.1, 0.2 and 0.4 s: it fails within a second of waiting.
        #expect(elapsed < .seconds(3), "took \(elapsed)")

        let unknown = try CommandLineRun.anaconda(
            ["--verbose", "auth", "whoami"],
            environment: sandbox.environment([
                "ANACONDA_AUTH_API_KEY": key, "ANACONDA_AUTH_DOMAIN": "no-such-host.invalid",
            ]))
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr.contains(
                "\nConnectionError: Cannot connect to no-such-host.invalid: the host name was not found\n"))
        #expect(!unknown.stderr.contains("Retrying"), "a host the resolver does not know is not tried again")
    }

    @Test("a client certificate from client_cert and client_cert_key")
    func clientCertificate() throws {
        let server = try LocalServerProcess(["--require-client-certificate"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let without = try whoami()
        #expect(without.status == 1)
        #expect(without.stderr.contains(server.domain))
        let with = try whoami([
            "ANACONDA_AUTH_CLIENT_CERT": server.clientCertificate, "ANACONDA_AUTH_CLIENT_CERT_KEY": server.clientKey,
        ])
        #expect(with.status == 0, "\(with.stderr)")
    }

    @Test("429 and 503 are retried after Retry-After")
    func retries() throws {
        let server = try LocalServerProcess(
            ["--account-statuses", "503,429", "--retry-after", "1"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let start = ContinuousClock.now
        let result = try whoami()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(ContinuousClock.now - start >= .seconds(2))
        #expect(try server.requests(path: "/api/account").count == 3)
    }

    @Test("retries stop after three; the last error is the reference's HTTPError")
    func retryLimit() throws {
        let server = try LocalServerProcess(
            ["--account-statuses", "502,502,502,502,502", "--retry-after", "0"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let result = try whoami()
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix("Retrying in 2 s: HTTP 502 Bad Gateway from \(server.domain)\n"),
            "a wait over a second is said")
        #expect(
            result.stderr.contains(
                "\nHTTPError: 502 Server Error: Bad Gateway for url: https://\(server.domain)/api/account\n"))
        #expect(try server.requests(path: "/api/account").count == 4)
    }

    @Test("extra_headers are added but never override; hash_hostname = false sends the host name")
    func headers() throws {
        let server = try LocalServerProcess([], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(
            sandbox,
            extra: "hash_hostname = false\n\n[plugin.auth.extra_headers]\nX-Extra = \"1\"\nUser-Agent = \"override\"\n")
        #expect(try whoami().status == 0)
        let headers = try #require(try server.requests(path: "/api/account").last?["headers"] as? [String: String])
        #expect(headers["X-Extra"] == "1")
        #expect(headers["User-Agent"] == "anaconda-auth/0.1.0")
        #expect(
            headers["X-Client-Hostname"]
                == ProcessInfo.processInfo.hostName.replacingOccurrences(of: ".local", with: ""))
    }

    @Test("HTTPS_PROXY tunnels through a CONNECT proxy; NO_PROXY bypasses it")
    func proxy() throws {
        let server = try LocalServerProcess([], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let log = sandbox.root.appendingPathComponent("proxy.log").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3",
            BuiltProducts.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/connect_proxy.py").path,
            log,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL) }
        let port = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let proxied = try whoami(["HTTPS_PROXY": "http://127.0.0.1:\(port)"])
        #expect(proxied.status == 0, "\(proxied.stderr)")
        #expect((try? String(contentsOfFile: log, encoding: .utf8)) == "CONNECT \(server.domain)\n")
        #expect(try whoami(["HTTPS_PROXY": "http://127.0.0.1:\(port)", "NO_PROXY": "localhost"]).status == 0)
        #expect((try? String(contentsOfFile: log, encoding: .utf8)) == "CONNECT \(server.domain)\n")
    }
}
