/// A plugin found in a manifest, with its library path resolved against the manifest's directory.
struct InstalledPlugin: Equatable {
    var manifest: PluginManifest.Plugin
    var manifestPath: String
    var libraryPath: String

    var name: String { manifest.name }

    /// Whether `anaconda login|logout|whoami` may route to this plugin.
    var loginCommand: String? { manifest.loginCommand }
}
