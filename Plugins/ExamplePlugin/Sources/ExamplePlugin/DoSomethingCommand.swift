import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda plugin do-something INPUT`: posts the input to the service with this plugin's own client identity.
/// Errors (HTTP, authentication) are the host's to render.
struct DoSomethingCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "do-something", abstract: "Send input data to the service.")

    /// This plugin's client: its own user agent and API version, like a `BaseClient` subclass in the reference.
    static let identity = ClientIdentity(userAgent: "example-plugin/1.0.0", apiVersion: "2024-01-01")

    @Argument(help: "The input data.")
    var input: String

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    func run(in context: PluginContext) async throws {
        let client = try AnacondaClient.forPlugin(context, identity: Self.identity, at: at)
        do {
            let response = try await client.post("/api/something", json: .object([.init("input", .string(input))]))
            try response.raiseForStatus()
            context.terminal.print(String(decoding: response.body, as: UTF8.self))
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
