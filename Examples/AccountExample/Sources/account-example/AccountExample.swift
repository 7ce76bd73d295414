import AnacondaAuth
import AnacondaPluginAPI

/// Logs in to the default site when needed (sharing the login with `anaconda` and the Python tools), then prints the
/// account as JSON.
@main
struct AccountExample {
    static func main() async throws {
        try await Anaconda.login()
        let client = try AnacondaClient(identity: ClientIdentity(userAgent: "account-example/1.0"))
        let response = try await client.get("/api/account")
        try response.raiseForStatus()
        print(JSONWriter.indented(2).string(try response.json()))
        try await client.shutdown()
    }
}
