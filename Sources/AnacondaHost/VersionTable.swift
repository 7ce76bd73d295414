import AnacondaPluginAPI

/// `anaconda --version`: the host and every installed plugin with its version, from manifests, and the versions of
/// the Python tools whose commands, files and messages this one follows.
enum VersionTable {
    static let compatibility = "Compatible with anaconda-cli-base 0.9.1 and anaconda-auth 0.15.3"

    static func render(hostVersion: String, plugins: [InstalledPlugin], terminal: any Terminal) -> String {
        let rows =
            [["anaconda", hostVersion]] + plugins.sorted { $0.name < $1.name }.map { [$0.name, $0.manifest.version] }
        return BoxTable(header: ["Package", "Version"], rows: rows).render(for: terminal)
            + terminal.styled(compatibility, .dim, on: .standardOutput) + "\n"
    }
}
