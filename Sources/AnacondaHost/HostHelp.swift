/// `anaconda --help`, built from manifests alone.
enum HostHelp {
    static func render(catalog: PluginCatalog) -> String {
        var text = """
            Usage: anaconda [OPTIONS] COMMAND [ARGS]...

              Welcome to the Anaconda CLI!

            Options:
            """
        text +=
            "\n"
            + table([
                ("--at SITE", "Select the configured site to use by name or domain name"),
                ("-v, --verbose", "Print debug information to the console."),
                ("-V, --version", "Show the version of this package and installed plugins and exit."),
                ("-h, --help", "Show this message and exit."),
            ])
        let commands = catalog.visibleCommands
        text += "\n\nPlugins:\n"
        if commands.isEmpty {
            text += "  (none installed; see ANACONDA_PLUGIN_PATH)\n"
        } else {
            text += table(
                commands.map { entry in
                    let subcommands = entry.command.subcommands
                    let summary =
                        subcommands.isEmpty
                        ? entry.command.summary
                        : entry.command.summary + "\n" + subcommands.joined(separator: ", ")
                    return (entry.command.name, summary)
                })
        }
        if !catalog.loginProviders.isEmpty {
            text += "\n\nAuthentication:\n" + table(LoginRouter.Verb.allCases.map { ($0.rawValue, $0.summary) })
        }
        text += "\n\nShell:\n" + table([("completion", "Print the completion script for bash, zsh or fish")])
        return text + "\n"
    }

    /// Two columns; extra summary lines are indented under the first line.
    static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { name, summary in
            let lines = summary.split(separator: "\n", omittingEmptySubsequences: false)
            let padding = String(repeating: " ", count: width - name.count)
            var row = "  \(name)\(padding)  \(lines.first ?? "")"
            for line in lines.dropFirst() {
                row += "\n" + String(repeating: " ", count: width + 6) + line
            }
            return row
        }.joined(separator: "\n")
    }
}
