import AnacondaCore

/// What a plugin command works with, built from the plugin context: the resolved site (by `--at` or the
/// configuration), its token store and HTTP clients. Warnings go to standard error; debug output to the host's
/// logger (only with `--verbose`).
public struct PluginSession: Sendable {
    public let context: PluginContext
    public let site: AnacondaAuthSite
    public let store: TokenStore
    public let identity: ClientIdentity

    /// `at` is the command's `--at`; `site` (for a login the host asked for) replaces both it and the global one.
    public init(
        _ context: PluginContext, at: String?, overrides: [SiteField: SourcedValue] = [:], site chosen: String? = nil,
        identity: ClientIdentity = .anacondaAuth
    ) throws {
        self.context = context
        self.identity = identity
        let configuration = try AuthConfiguration.load(ConfigurationSources(context: context))
        let resolved = try configuration.site(try chosen ?? context.site(commandOption: at), overrides: overrides)
        for warning in resolved.warnings { context.terminal.printError(warning) }
        site = resolved.settings
        let terminal = context.terminal
        let systemKeyring = context.services.systemKeyring
        store = TokenStore(
            site: site, warn: { terminal.printError($0) },
            systemKeyring: { try systemKeyring ?? SecretServiceKeyring() })
        context.logger.debug("Site \(site.site) (\(site.domain)); logins in \(store.keyring.description)")
    }

    /// A client for the site; the caller shuts it down.
    public func client() throws -> AnacondaClient {
        let terminal = context.terminal
        return try AnacondaClient(
            site: site, identity: identity, tokenStore: store, environment: context.environment,
            logger: context.logger, warn: { terminal.printError($0) },
            transportFactory: context.services.transportFactory)
    }

    /// Logging in and out with `client`, on the context's terminal, browser and clock.
    public func loginService(_ client: AnacondaClient) -> LoginService {
        var service = LoginService(
            client: client, store: store, terminal: context.terminal,
            browser: context.services.browser ?? SystemBrowserOpener(environment: context.environment))
        service.clock = context.clock
        return service
    }

    /// Runs `body` with a client and shuts the client down afterwards, also on errors.
    public func withClient<T>(_ body: (AnacondaClient) async throws -> T) async throws -> T {
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
}
