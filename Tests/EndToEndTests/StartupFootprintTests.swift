import Foundation
import Testing

/// What the host loads: `anaconda auth api-key` loads the plugin and the auth library, never full Foundation (with
/// ICU) nor the network stack, whose loading alone costs milliseconds; a command that makes a request opens
/// libAnacondaHTTPTransport.so, and says so in one line when it is missing.
@Suite("Start-up footprint")
struct StartupFootprintTests {
    @Test("auth api-key loads the auth library but not full Foundation or ICU")
    func noFullFoundation() throws {
        let sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
        let key = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"
        let result = try CommandLineRun.anaconda(
            ["auth", "api-key"], environment: sandbox.environment(["ANACONDA_AUTH_API_KEY": key, "LD_DEBUG": "files"]))
        #expect(result.status == 0)
        #expect(result.stdout == key + "\n")
        let loaded = result.stderr.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "file=") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        }
        #expect(loaded.contains("libAnacondaAuth.so"), "the loader's trace: \(loaded)")
        for library in [
            "libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so",
            "libAnacondaHTTPTransport.so", "libcurl.so.4", "libssl.so.3", "libcrypto.so.3",
        ] {
            #expect(!loaded.contains(where: { $0.hasSuffix(library) }), "\(library) was loaded")
        }
    }

    @Test("a request loads the transport with libcurl and the system's OpenSSL, and no SwiftNIO or BoringSSL")
    func requestLoadsCurl() throws {
        let sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
        let server = try LocalServerProcess([], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let key = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"
        let result = try CommandLineRun.anaconda(
            ["auth", "whoami"], environment: sandbox.environment(["ANACONDA_AUTH_API_KEY": key, "LD_DEBUG": "files"]))
        #expect(result.status == 0)
        let loaded = result.stderr.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "file=") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        }
        for library in ["libAnacondaHTTPTransport.so", "libcurl.so.4", "libssl.so.3"] {
            #expect(loaded.contains(where: { $0.hasSuffix(library) }), "\(library) was not loaded: \(loaded)")
        }
        #expect(!loaded.contains(where: { $0.contains("NIO") || $0.contains("BoringSSL") }))
    }

    @Test("an installation without the network library says so in one line and exits 1")
    func missingTransport() throws {
        let sandbox = try Sandbox()
        let prefix = try sandbox.installPrefix()
        try FileManager.default.removeItem(at: prefix.appendingPathComponent("lib/libAnacondaHTTPTransport.so"))
        let key = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"
        var environment = sandbox.environment([
            "ANACONDA_AUTH_API_KEY": key, "ANACONDA_AUTH_DOMAIN": "127.0.0.1:9",
            "ANACONDA_TEST_HOST": prefix.appendingPathComponent("bin/anaconda").path,
        ])
        environment["ANACONDA_PLUGIN_PATH"] = nil
        let result = try CommandLineRun.anaconda(["auth", "whoami"], environment: environment)
        #expect(result.status == 1)
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("ImportError: Cannot load the HTTP transport libAnacondaHTTPTransport.so: "))
        #expect(firstLine.hasSuffix("; reinstall anaconda"))
        #expect(!result.stderr.contains("Fatal error"))
    }
}
