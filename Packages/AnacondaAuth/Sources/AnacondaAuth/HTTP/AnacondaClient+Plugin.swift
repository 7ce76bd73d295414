import AnacondaCore

extension AnacondaClient {
    /// The one-line way for a plugin command to get a logged-in client for the site the user chose (`--at`
    /// on the command or the host), with the plugin's own identity; warnings go to standard error and the
    /// request trace to the host's `--verbose` log. Shut it down when done.
    public static func forPlugin(
        _ context: PluginContext,
        identity: ClientIdentity = .anacondaAuth,
        at: String? = nil
    ) throws -> AnacondaClient {
        try PluginSession(context, at: at, identity: identity).client()
    }
}
