import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda sites add --domain D [--name N] [settings] [--yes|--dry-run]`
struct SitesAddCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add new site configuration to config.toml")

    @OptionGroup var options: SiteSettingOptions

    @Flag(inversion: .prefixedNo, help: "Remove the anaconda.com site when adding another site")
    var removeAnacondaCom = true

    func run(in context: PluginContext) async throws {
        guard let domain = options.domain else {
            throw SitesChange.usageError("You must supply at least --domain to a add a new site", context)
        }
        let sources = ConfigurationSources(context: context)
        let configuration = try AuthConfiguration.load(sources)
        let values = try SiteSettingsValidation.storedValues(try options.values(in: context), sources: sources)
            .filter { !SiteSettingsValidation.isDefault($0.field, $0.value, sources: sources) }
        let name =
            options.name ?? (try? SiteSettingsValidation.storedValues([(.domain, .string(domain))], sources: sources))?
            .first?.value.stringValue ?? domain
        let sites = configuration.sites
        if sites.table(named: name) != nil {
            throw SitesChange.failure(
                "A site with name \(name) already exists, use the modify subcommand to alter it", context)
        }
        if let apiKey = options.apiKey, !apiKey.isEmpty {
            context.terminal.printError(
                "WARNING: Your API Key will be stored in \(configuration.file.path) and may not be secure")
        }
        var editor = SitesConfigEditor(text: configuration.file.text ?? "")
        var remaining = sites.isSynthetic ? [] : sites.tables.map(\.name)
        if removeAnacondaCom, name != "anaconda.com", remaining.contains("anaconda.com") {
            editor.removeSite("anaconda.com")
            remaining.removeAll { $0 == "anaconda.com" }
        }
        remaining.append(name)
        let keepDefault = remaining.contains(sites.defaultSite) ? sites.defaultSite : remaining[0]
        editor.setDefaultSite(options.makeDefault == true || remaining.count == 1 ? name : keepDefault)
        try editor.writeSite(name, values: values.map { ($0.field.key, $0.value) })
        try SitesChange.apply(editor.text, to: configuration.file, confirmation: options.confirmation, in: context)
    }
}
