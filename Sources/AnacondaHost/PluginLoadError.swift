/// A plugin that could not be loaded. One line naming the plugin, its library and both sides' versions.
struct PluginLoadError: Error, CustomStringConvertible {
    var plugin: InstalledPlugin
    var reason: String
    /// What the plugin reports, when known (after a handshake); otherwise what its manifest declares.
    var pluginVersions: String

    init(_ plugin: InstalledPlugin, _ reason: String, handshake: PluginHandshake? = nil) {
        self.plugin = plugin
        self.reason = reason
        self.pluginVersions =
            handshake.map { "\($0)" }
            ?? "ABI \(plugin.manifest.abiVersion), API \(plugin.manifest.apiVersion) (from its manifest)"
    }

    var description: String {
        "cannot load plugin '\(plugin.name)' \(plugin.manifest.version) from \(plugin.libraryPath): \(reason) "
            + "[plugin: \(pluginVersions); host: \(PluginHandshake.host)]"
    }
}
