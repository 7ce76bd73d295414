import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda sites show [SITE] [--all] [--show-hidden]`: the resolved configuration as JSON.
struct SitesShowCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the site configuration for the default site or look up by the provided name or domain")

    @Argument(help: "Site name or domain name to show")
    var site: String?

    @Flag(help: "Show all site configurations")
    var all = false

    @Flag(inversion: .prefixedNo, help: "Show all fields, including hidden ones (secrets stay redacted)")
    var showHidden = false

    func run(in context: PluginContext) async throws {
        let configuration = try AuthConfiguration.load(ConfigurationSources(context: context))
        let fields = showHidden ? SiteField.allCases.filter { $0 != .site } : SiteField.shownByDefault
        if all {
            var members: [JSONValue.Member] = []
            for table in configuration.sites.tables {
                let resolved = try configuration.site(table.name)
                members.append(JSONValue.Member(table.name, .object(Self.members(fields, of: resolved.settings))))
            }
            context.terminal.print(JSONWriter.indented(2, asciiOnly: false).string(.object(members)))
            return
        }
        let resolved = try configuration.site(site ?? context.site)
        for warning in resolved.warnings { context.terminal.printError(warning) }
        let object = JSONValue.object(
            [.init("site", .string(resolved.settings.site))]
                + Self.members(fields, of: resolved.settings))
        context.terminal.print(JSONWriter.indented(2, asciiOnly: false).string(object))
    }

    /// The fields' values; our own extensions only when set.
    static func members(_ fields: [SiteField], of settings: AnacondaAuthSite) -> [JSONValue.Member] {
        fields.compactMap { field in
            let value = settings.jsonValue(of: field)
            return field.isExtension && value == .null ? nil : JSONValue.Member(field.key, value)
        }
    }
}
