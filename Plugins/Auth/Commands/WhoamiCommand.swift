import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda auth whoami [--at SITE]`: the account, as JSON with sorted keys and the site's domain.
struct WhoamiCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Display information about the currently signed-in user")

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    func run(in context: PluginContext) async throws {
        let session = try AuthSession(context, at: at)
        let account = try await session.withClient { client in
            let response = try await client.get("/api/account")
            try response.raiseForStatus()
            return try response.json()
        }
        let document = account.setting("domain", to: .string(session.site.domain))
        context.terminal.print(JSONWriter.indented(2, sortKeys: true, asciiOnly: false).string(document))
    }
}
