import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda auth logout [--at SITE]`: revokes (when the server offers it) and deletes the stored API key. With a
/// key configured (e.g. `ANACONDA_AUTH_API_KEY`) the stored key is still deleted, and the user is told that the
/// configured one keeps authenticating.
struct LogoutCommand: PluginCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Logout")

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    func run(in context: PluginContext) async throws {
        let session = try AuthSession(context, at: at)
        guard let configured = session.store.keyring as? ConfigKeyring else {
            _ = try await session.withClient { client in
                try await session.loginService(client).logOut()
            }
            return
        }
        var site = session.site
        site.apiKey = nil
        site.keyring = nil
        let terminal = context.terminal
        try TokenStore(site: site, warn: { terminal.printError($0) }).delete()
        terminal.printError(
            "Logged out of \(site.domain), but \(configured.origin) still provides an API key; unset it to stop using it.")
    }
}
