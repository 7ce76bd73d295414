import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda sites list`: the configured sites, the default, and which have a stored login.
struct SitesListCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the site configurations in config.toml")

    func run(in context: PluginContext) async throws {
        let configuration = try AuthConfiguration.load(ConfigurationSources(context: context))
        let check = "✔\u{FE0E}"
        var rows: [[String]] = []
        for table in configuration.sites.tables {
            let site = try configuration.site(table.name).settings
            let token = try? TokenStore(site: site).load()
            let isDefault =
                table.name == configuration.sites.defaultSite || table.domain == configuration.sites.defaultSite
            rows.append([table.name, site.domain, isDefault ? check : "", token?.apiKey != nil ? check : ""])
        }
        let header = ["Site name", "Domain name", "Default site", "Logged in"]
        context.terminal.write(BoxTable(header: header, rows: rows).render(for: context.terminal), to: .standardOutput)
        context.terminal.print("To view full site details use anaconda sites show [name or domain]")
    }
}
