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
            // Without a stored key there is nothing to revoke: no client (nor its TLS settings) is needed.
            guard try session.store.load() != nil else {
                try session.store.delete()
                context.terminal.printError("Not logged in to \(session.site.domain); nothing to do.")
                return
            }
            let hadLogin: Bool
            do {
                hadLogin = try await session.withClient { client in try await session.loginService(client).logOut() }
            } catch let error as AnacondaError where error.code == .sslError || error.code == .importError {
                // The key cannot be revoked from here, but the login must still go (a moved CA bundle is no dead end).
                context.terminal.printError("warning: the key was not revoked (\(error.message))")
                hadLogin = try session.store.delete()
            }
            context.terminal.printError(
                hadLogin
                    ? "Logged out of \(session.site.domain)."
                    : "Not logged in to \(session.site.domain); nothing to do.")
            return
        }
        var site = session.site
        site.apiKey = nil
        site.keyring = nil
        let terminal = context.terminal
        try TokenStore(site: site, warn: { terminal.printError($0) }).delete()
        terminal.printError(
            "Logged out of \(site.domain), but \(configured.origin) still provides an API key; unset it to stop using it."
        )
    }
}
