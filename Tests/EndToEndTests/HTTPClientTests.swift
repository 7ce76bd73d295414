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
        #expect(failed.stderr.hasPrefix("SSLError: TLS certificate verification failed for \(server.domain)"))
        #expect(try whoami(["ANACONDA_AUTH_SSL_VERIFY": "false"]).status == 0)
        #expect(try whoami(["ANACONDA_AUTH_SSL_VERIFY": server.caPath]).status == 0)
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
        let server = try LocalServerProcess(["--account-statuses", "503,429", "--retry-after", "1"], directory: sandbox.root)
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
        let server = try LocalServerProcess(["--account-statuses", "502,502,502,502,502", "--retry-after", "0"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let result = try whoami()
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("HTTPError: 502 Server Error: Bad Gateway for url: https://\(server.domain)/api/account\n"))
        #expect(try server.requests(path: "/api/account").count == 4)
    }

    @Test("extra_headers are added but never override; hash_hostname = false sends the host name")
    func headers() throws {
        let server = try LocalServerProcess([], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox, extra: "hash_hostname = false\n\n[plugin.auth.extra_headers]\nX-Extra = \"1\"\nUser-Agent = \"override\"\n")
        #expect(try whoami().status == 0)
        let headers = try #require(try server.requests(path: "/api/account").last?["headers"] as? [String: String])
        #expect(headers["X-Extra"] == "1")
        #expect(headers["User-Agent"] == "anaconda-auth/0.1.0")
        #expect(headers["X-Client-Hostname"] == ProcessInfo.processInfo.hostName.replacingOccurrences(of: ".local", with: ""))
    }

    @Test("HTTPS_PROXY tunnels through a CONNECT proxy; NO_PROXY bypasses it")
    func proxy() throws {
        let server = try LocalServerProcess([], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let log = sandbox.root.appendingPathComponent("proxy.log").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", BuiltProducts.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/connect_proxy.py").path, log]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL) }
        let port = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let proxied = try whoami(["HTTPS_PROXY": "http://127.0.0.1:\(port)"])
        #expect(proxied.status == 0, "\(proxied.stderr)")
        #expect((try? String(contentsOfFile: log, encoding: .utf8)) == "CONNECT \(server.domain)\n")
        #expect(try whoami(["HTTPS_PROXY": "http://127.0.0.1:\(port)", "NO_PROXY": "localhost"]).status == 0)
        #expect((try? String(contentsOfFile: log, encoding: .utf8)) == "CONNECT \(server.domain)\n")
    }
}
