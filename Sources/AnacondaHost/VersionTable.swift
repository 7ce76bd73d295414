import AnacondaPluginAPI

/// `anaconda --version`: the host and every installed plugin with its version, from manifests.
enum VersionTable {
    static func render(hostVersion: String, plugins: [InstalledPlugin]) -> String {
        let rows = [["anaconda", hostVersion]] + plugins.sorted { $0.name < $1.name }.map { [$0.name, $0.manifest.version] }
        return BoxTable(header: ["Package", "Version"], rows: rows).render()
    }
}
