import AnacondaAuth
import AnacondaPluginAPI

/// What an auth command works with, built from the plugin context: the resolved site (by `--at` or the
/// configuration), its token store and an HTTP client. Warnings go to standard error; debug output to the host's
/// logger (only with `--verbose`).
struct AuthSession {
    let context: PluginContext
    let site: AnacondaAuthSite
    let store: TokenStore

    /// `at` is the command's `--at`; `site` (for a login the host asked for) replaces both it and the global one.
    init(_ context: PluginContext, at: String?, overrides: [SiteField: SourcedValue] = [:], site chosen: String? = nil) throws {
        self.context = context
        let configuration = try AuthConfiguration.load(ConfigurationSources(context: context))
        let resolved = try configuration.site(try chosen ?? context.site(commandOption: at), overrides: overrides)
        for warning in resolved.warnings { context.terminal.printError(warning) }
        site = resolved.settings
        let terminal = context.terminal
        store = TokenStore(site: site, warn: { terminal.printError($0) })
        context.logger.debug("Site \(site.site) (\(site.domain)); logins in \(store.keyring.description)")
    }

    /// A client for the site; the caller shuts it down.
    func client() throws -> AnacondaClient {
        let terminal = context.terminal
        return try AnacondaClient(
            site: site, tokenStore: store, environment: context.environment, logger: context.logger,
            warn: { terminal.printError($0) })
    }

    /// Runs `body` with a client and shuts the client down afterwards, also on errors.
    func withClient<T>(_ body: (AnacondaClient) async throws -> T) async throws -> T {
        let client = try client()
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    func loginService(_ client: AnacondaClient) -> LoginService {
        LoginService(
            client: client, store: store, terminal: context.terminal,
            browser: SystemBrowserOpener(environment: context.environment))
    }
}
