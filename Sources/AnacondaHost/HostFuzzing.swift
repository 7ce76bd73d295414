import AnacondaPluginAPI

/// The entry point of the fuzz target `manifest` (`Fuzz/`): one manifest file's bytes through discovery, then the
/// help listing and the library paths, as `anaconda --help` and a command's loading use them.
package enum HostFuzzing {
    package static func manifest(_ bytes: [UInt8]) {
        var catalog = PluginCatalog()
        catalog.add(manifest: bytes, at: "/fuzz/plugins/x/plugin-manifest.json")
        catalog.add(manifest: bytes, at: "/fuzz/other/plugin-manifest.json")
        _ = HostHelp.render(catalog: catalog)
        for plugin in catalog.plugins { _ = plugin.libraryPath }
        for problem in catalog.problems { _ = "\(problem)" }
    }
}
