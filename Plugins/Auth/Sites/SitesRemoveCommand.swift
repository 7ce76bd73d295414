import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda sites remove SITE [--yes|--dry-run]`
struct SitesRemoveCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a site configuration by name or domain")

    @Argument(help: "Site name or domain name to remove")
    var site: String

    @Flag(help: "Write without asking (--yes, -y) or only show the change (--dry-run)")
    var confirmation: SitesChange.Confirmation?

    func run(in context: PluginContext) async throws {
        let sources = ConfigurationSources(context: context)
        let configuration = try AuthConfiguration.load(sources)
        let sites = configuration.sites
        let table: SiteTables.Table?
        do {
            table = try sites.table(at: site, sources: sources, configFilePath: configuration.file.path)
        } catch let error as AnacondaError where error.code == .unknownSiteName {
            throw SitesChange.failure(
                "The site or domain \(site) has not been configured in \(configuration.file.path)", context)
        }
        guard let table else { return }
        let names = sites.isSynthetic ? [table.name] : sites.tables.map(\.name)
        let remaining = names.filter { $0 != table.name }
        guard let firstRemaining = remaining.first else {
            throw SitesChange.failure("\(table.name) is the only configured site and cannot be removed", context)
        }
        var editor = SitesConfigEditor(text: configuration.file.text ?? "")
        editor.removeSite(table.name)
        editor.setDefaultSite(remaining.contains(sites.defaultSite) ? sites.defaultSite : firstRemaining)
        try SitesChange.apply(editor.text, to: configuration.file, confirmation: confirmation, in: context)
    }
}
