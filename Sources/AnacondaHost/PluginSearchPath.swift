import AnacondaPluginAPI

/// Where the host looks for plugin manifests, in order: `ANACONDA_PLUGIN_PATH` (colon-separated), next to the
/// host binary (the build directory for `swift run`), `<prefix>/lib/anaconda/plugins` for an installed host, then
/// `~/.anaconda/plugins`. In each directory the host reads `plugin-manifest.json` and `*/plugin-manifest.json`.
struct PluginSearchPath: Equatable {
    var directories: [String]

    init(environment: [String: String], executableDirectory: String, homeDirectory: String) {
        var directories: [String] = []
        if let list = environment["ANACONDA_PLUGIN_PATH"] {
            directories += list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        directories.append(executableDirectory)
        directories.append(Paths.join(Paths.parent(of: executableDirectory), "lib/anaconda/plugins"))
        directories.append(Paths.join(homeDirectory, ".anaconda/plugins"))
        self.directories = directories
    }
}
