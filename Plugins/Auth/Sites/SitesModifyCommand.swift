import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda sites modify (--name N | --domain D) [settings] [--yes|--dry-run]`
struct SitesModifyCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "modify", abstract: "Modify site configuration by name or domain")

    @OptionGroup var options: SiteSettingOptions

    func run(in context: PluginContext) async throws {
        guard let key = options.name ?? options.domain else {
            throw SitesChange.usageError("You must supply at least one of --domain or --name to modify a site", context)
        }
        let sources = ConfigurationSources(context: context)
        let configuration = try AuthConfiguration.load(sources)
        let sites = configuration.sites
        guard let table = try sites.table(at: key, sources: sources, configFilePath: configuration.file.path) else {
            return
        }
        var values = try SiteSettingsValidation.storedValues(try options.values(in: context), sources: sources)
        if options.name == nil {
            values.removeAll { $0.field == .domain }  // --domain alone only selects the site
        }
        if options.apiKey != nil {
            context.terminal.printError(
                "WARNING: Your API Key will be stored in \(configuration.file.path) and may not be secure")
        }
        var editor = SitesConfigEditor(text: configuration.file.text ?? "")
        let names = sites.isSynthetic ? [table.name] : sites.tables.map(\.name)
        editor.setDefaultSite(
            options.makeDefault == true
                ? table.name : (names.contains(sites.defaultSite) ? sites.defaultSite : names[0]))
        try editor.writeSite(table.name, values: values.map { ($0.field.key, $0.value) })
        try SitesChange.apply(editor.text, to: configuration.file, confirmation: options.confirmation, in: context)
    }
}
