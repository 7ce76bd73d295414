import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda auth logout [--at SITE]`: revokes (when the server offers it) and deletes the stored API key.
struct LogoutCommand: PluginCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Logout")

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    func run(in context: PluginContext) async throws {
        let session = try AuthSession(context, at: at)
        _ = try await session.withClient { client in
            try await session.loginService(client).logOut()
        }
    }
}
