import AnacondaPluginAPI

/// A plugin found in a manifest, with its library path resolved against the manifest's directory.
struct InstalledPlugin: Equatable {
    var manifest: PluginManifest.Plugin
    var manifestPath: String

    /// The library's absolute path: the manifest's `library`, relative to the manifest's directory. Computed when
    /// needed, as `--help` reads every manifest but loads no library.
    var libraryPath: String {
        Paths.absolute(manifest.library, relativeTo: Paths.parent(of: manifestPath))
    }

    var name: String { manifest.name }

    /// Whether `anaconda login|logout|whoami` may route to this plugin.
    var loginCommand: String? { manifest.loginCommand }
}
