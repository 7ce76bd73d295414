import AnacondaCore
import FoundationEssentials

/// Everything configured for the auth library, read once: `config.toml`, the environment, the secrets directory
/// and `.env`. ``site(_:overrides:)`` resolves one site with the reference's precedence (highest first):
/// arguments, `ANACONDA_AUTH_*`, secret files, `.env`, the selected `[sites.<name>]` table, legacy
/// `ANACONDA_CLOUD_*` / `[plugin.cloud]`, `[plugin.auth]`, defaults.
public struct AuthConfiguration: Sendable {
    public let sources: ConfigurationSources
    public let file: ConfigFile
    /// The configured sites in file order (or from `ANACONDA_SITES`), and the default site's name.
    public let sites: SiteTables

    /// Reads everything; fails only on an unreadable or syntactically invalid `config.toml`.
    public static func load(_ sources: ConfigurationSources) throws -> AuthConfiguration {
        let file = try ConfigFile.load(sources.configFilePath)
        let layers = EnvironmentLayers(sources: sources)
        return AuthConfiguration(sources: sources, file: file, sites: try SiteTables(file: file, layers: layers))
    }

    /// The sites config of `sources`, with `--at` (a site name or domain) taking the place of `default_site`.
    public func site(_ at: String? = nil, overrides: [SiteField: SourcedValue] = [:]) throws -> ResolvedSite {
        let layers = EnvironmentLayers(sources: sources)
        let upper = overrides.merging(layers.fields(prefix: "ANACONDA_AUTH_")) { argument, _ in argument }
        let selected = try selectTable(upper: upper, at: at)
        var values = upper
        if let selected { values.merge(selected.values) { current, _ in current } }
        let legacy = layers.fields(prefix: "ANACONDA_CLOUD_").merging(
            Self.tableFields(file.table(["plugin", "cloud"]), file: file, table: "plugin.cloud")
        ) { env, _ in env }
        values.merge(legacy) { current, _ in current }
        values.merge(Self.tableFields(file.table(["plugin", "auth"]), file: file, table: "plugin.auth")) { current, _ in
            current
        }

        let name =
            selected?.name ?? upper[.site]?.value.stringValue ?? upper[.domain].flatMap {
                try? SiteValueParser.domain($0.value)
            } ?? "anaconda.com"
        var builder = SiteSettingsBuilder(site: name, sources: sources)
        builder.apply(values)
        if selected != nil { builder.settings.site = name }
        guard builder.problems.isEmpty else { throw AnacondaError.invalidConfiguration(builder.problems) }
        var warnings: [String] = []
        if !legacy.isEmpty {
            warnings.append(Self.legacyWarning(Array(legacy.keys)))
        }
        return ResolvedSite(settings: builder.settings, warnings: warnings, configFilePath: file.path)
    }

    /// The reference's site-table selection: an explicit `site` must name a table; a `domain` picks the one table
    /// with that domain (or none); otherwise `--at` / `default_site` by name, then by domain, then `anaconda.com`.
    private func selectTable(upper: [SiteField: SourcedValue], at: String?) throws -> SiteTables.Table? {
        if let site = upper[.site]?.value.stringValue {
            guard let table = sites.table(named: site) else {
                throw AnacondaError(
                    .unknownSiteName, message: "The site name \(site) has not been configured in \(file.path)")
            }
            return table
        }
        if let domain = upper[.domain], at == nil, let normalized = try? SiteValueParser.domain(domain.value) {
            return try sites.table(withDomain: normalized, sources: sources)
        }
        return try sites.table(at: at ?? sites.defaultSite, sources: sources, configFilePath: file.path)
    }

    /// The fields of a TOML table, each sourced to `file [table] key`; unknown keys are ignored (as the reference).
    static func tableFields(_ members: [JSONValue.Member], file: ConfigFile, table: String) -> [SiteField: SourcedValue]
    {
        var values: [SiteField: SourcedValue] = [:]
        for member in members {
            guard let field = SiteField(rawValue: member.key) else { continue }
            values[field] = SourcedValue(
                member.value, from: .configFile(path: file.path, table: table, key: member.key))
        }
        return values
    }

    static func legacyWarning(_ fields: [SiteField]) -> String {
        let names = fields.map { "\"\($0.rawValue)\"" }.sorted().joined(separator: ", ")
        return "The following fields have been set using legacy environment variables prefixed with "
            + "'ANACONDA_CLOUD_` or in the `plugins.cloud` section of `~/.anaconda/config.toml`: \(names)\n\n"
            + "Please either rename environment variables to the corresponding `ANACONDA_AUTH_` version, "
            + "or replace the `plugins.cloud` section of the config file with `plugins.auth`."
    }
}

/// A site's settings and anything the user should be told about how they were read.
public struct ResolvedSite: Sendable {
    public var settings: AnacondaAuthSite
    /// Warnings to print on standard error (legacy settings).
    public var warnings: [String]
    /// The config file that was read (named in messages).
    public var configFilePath: String
}
