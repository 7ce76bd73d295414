import AnacondaAuth
import AnacondaPluginAPI
import FoundationEssentials

/// `anaconda auth api-key [--at SITE]`: the stored (or configured) API key on standard output.
struct APIKeyCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-key", abstract: "Display API Key for signed-in user")

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    func run(in context: PluginContext) async throws {
        let session = try AuthSession(context, at: at)
        guard let token = try session.store.load(), token.apiKey != nil else {
            throw AuthenticationRequiredError(.tokenNotFound, site: session.site.site)
        }
        if try token.isExpired(now: context.clock.now) {
            throw AuthenticationRequiredError(.tokenExpired, site: session.site.site)
        }
        context.terminal.print(token.apiKey ?? "")
    }
}
