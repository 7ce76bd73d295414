import Foundation
import Testing

/// The auth library from a Swift program that is not a plugin (`Examples/AccountExample`, its own package, built by
/// `make example-program`): it logs in through the library (device flow), shares the login with `anaconda`, and
/// calls `/api/account` with its own client identity.
@Suite("library API for Swift programs")
struct LibraryAPITests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
    }

    var program: String {
        BuiltProducts.repositoryRoot.appendingPathComponent("Examples/AccountExample/.build/debug/account-example").path
    }

    @Test("the example program logs in, prints the account, and its login is the CLI's")
    func example() throws {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw TestSetupError("\(program) is missing: make example-program")
        }
        let server = try LocalServerProcess(["--auto-approve"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let first = try ProcessRun.run(program, [], environment: sandbox.environment())
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("open the following URL on any device:"), "it logged in with the device flow")
        #expect(first.stdout.contains("\"email\": \"me@example.com\""))
        let headers = try #require(try server.requests(path: "/api/account").last?["headers"] as? [String: String])
        #expect(headers["User-Agent"] == "account-example/1.0")

        let second = try ProcessRun.run(program, [], environment: sandbox.environment())
        #expect(second.status == 0)
        #expect(second.stderr.isEmpty, "already logged in: no login again")
        let cli = try CommandLineRun.anaconda(["auth", "api-key"], environment: sandbox.environment())
        #expect(cli.status == 0, "the CLI sees the program's login")
    }
}
