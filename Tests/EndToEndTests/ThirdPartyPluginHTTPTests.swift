import Foundation
import Testing

/// The seed's example: `anaconda plugin do-something 'input-data'` from the separately built example plugin,
/// with its own client identity, against the local server, which answers 422.
@Suite("Third-party plugin with the HTTP client")
struct ThirdPartyPluginHTTPTests {
    @Test("a 422 renders as the reference's HTTPError with the --verbose hint; --verbose shows a redacted trace")
    func doSomething() throws {
        let sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-plugin", library: "ExamplePlugin")
        let server = try LocalServerProcess([], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let key = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"
        let environment = sandbox.environment(["ANACONDA_AUTH_API_KEY": key])

        let result = try CommandLineRun.anaconda(["plugin", "do-something", "input-data"], environment: environment)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                HTTPError: 422 Client Error: Unprocessable Entity for url: \(server.baseURL)/api/something

                To see a more detailed error message run the command again as
                  anaconda --verbose plugin do-something input-data

                """)
        let request = try #require(try server.requests(path: "/api/something").last)
        let headers = try #require(request["headers"] as? [String: String])
        #expect(headers["User-Agent"] == "example-plugin/1.0.0")
        #expect(headers["Api-Version"] == "2024-01-01")
        #expect(request["body"] as? String == #"{"input": "input-data"}"#)

        let verbose = try CommandLineRun.anaconda(
            ["-v", "plugin", "do-something", "input-data"], environment: environment)
        #expect(verbose.status == 1)
        #expect(
            verbose.stderr.contains("debug: HTTP POST \(server.baseURL)/api/something User-Agent: example-plugin/1.0.0")
        )
        #expect(verbose.stderr.contains("Authorization: Bearer ***"))
        #expect(verbose.stderr.contains("debug: HTTP 422 Unprocessable Entity for POST"))
        #expect(!verbose.stderr.contains(key))
    }

    @Test("a Min-Api-Version above the plugin's Api-Version prints the reference's deprecation warning")
    func minimumAPIVersion() throws {
        let sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-plugin", library: "ExamplePlugin")
        let server = try LocalServerProcess(["--min-api-version", "2025-06-01"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let result = try CommandLineRun.anaconda(
            ["plugin", "do-something", "x"],
            environment: sandbox.environment([
                "ANACONDA_AUTH_API_KEY": "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"
            ]))
        #expect(
            result.stderr.hasPrefix(
                "DeprecationWarning: Client API version is 2024-01-01, minimum supported API version is 2025-06-01. "
                    + "You may need to update your client.\nHTTPError: 422"))
    }
}
