import AnacondaPluginAPI

extension AnacondaClient {
    /// The one-line way for a plugin command to get a logged-in client for the site the user chose (`--at`
    /// on the command or the host), with the plugin's own identity; warnings go to standard error and the
    /// request trace to the host's `--verbose` log. Shut it down when done.
    public static func forPlugin(
        _ context: PluginContext,
        identity: ClientIdentity = .anacondaAuth,
        at: String? = nil
    ) throws -> AnacondaClient {
        let resolved = try AuthConfiguration.load(ConfigurationSources(context: context))
            .site(try context.site(commandOption: at))
        let terminal = context.terminal
        for warning in resolved.warnings { terminal.printError(warning) }
        let store = TokenStore(site: resolved.settings, warn: { terminal.printError($0) })
        return try AnacondaClient(
            site: resolved.settings, identity: identity, tokenStore: store, environment: context.environment,
            logger: context.logger, warn: { terminal.printError($0) })
    }
}
