import AnacondaCore

/// The configured sites (`[sites.<name>]` in file order, or `ANACONDA_SITES` as JSON) and `default_site`
/// (`ANACONDA_DEFAULT_SITE` or the top-level key). With no sites, a single `anaconda.com` site with defaults.
public struct SiteTables: Sendable {
    /// One site's own settings.
    public struct Table: Sendable, Equatable {
        public var name: String
        public var values: [SiteField: SourcedValue]

        /// The normalised domain (`anaconda.com` when unset or unreadable).
        public var domain: String {
            values[.domain].flatMap { try? SiteValueParser.domain($0.value) } ?? "anaconda.com"
        }
    }

    public private(set) var tables: [Table]
    /// The default site's name (or, for historical reasons, a domain).
    public private(set) var defaultSite: String
    /// True when nothing is configured and the synthetic `anaconda.com` site stands in.
    public private(set) var isSynthetic: Bool
    let configFilePath: String

    init(file: ConfigFile, layers: EnvironmentLayers) throws {
        configFilePath = file.path
        var tables: [Table] = []
        if let environment = layers.setting("ANACONDA_SITES") {
            guard let text = environment.value.stringValue, case .object(let members)? = try? JSONValue.parse(text)
            else {
                throw AnacondaError.invalidConfiguration([
                    ConfigProblem(field: nil, value: environment, message: "Input should be a JSON object of sites")
                ])
            }
            for member in members {
                guard case .object(let fields) = member.value else { continue }
                var values: [SiteField: SourcedValue] = [:]
                for field in fields {
                    guard let key = SiteField(rawValue: field.key) else { continue }
                    values[key] = SourcedValue(field.value, from: environment.source)
                }
                // A name given twice: the last one counts, as a JSON lookup (and Python's json) keeps it.
                tables.removeAll { $0.name == member.key }
                tables.append(Table(name: member.key, values: values))
            }
        } else {
            for member in file.table(["sites"]) {
                guard case .object(let fields) = member.value else { continue }
                let table = "sites.\(TOMLKeyPath.quote(member.key))"
                tables.append(
                    Table(name: member.key, values: AuthConfiguration.tableFields(fields, file: file, table: table)))
            }
        }
        let configuredDefault =
            layers.setting("ANACONDA_DEFAULT_SITE")?.value.stringValue
            ?? file.document["default_site"]?.stringValue
        isSynthetic = tables.isEmpty
        if tables.isEmpty { tables = [Table(name: "anaconda.com", values: [:])] }
        self.tables = tables
        defaultSite = configuredDefault ?? tables[0].name
    }

    public func table(named name: String) -> Table? {
        tables.first { $0.name == name }
    }

    /// The one table whose domain is `domain`; `nil` when none; an error when several.
    public func table(withDomain domain: String, sources: ConfigurationSources) throws -> Table? {
        let matches = tables.filter { $0.domain == domain }
        if matches.count > 1 {
            throw AnacondaError(
                .valueError,
                message: "The domain \(domain) matches more than one configured site "
                    + "(\(matches.map(\.name).joined(separator: ", ")))")
        }
        return matches.first
    }

    /// `--at` / `default_site` resolution: a table name, else a unique domain, else the `anaconda.com` defaults.
    public func table(at key: String, sources: ConfigurationSources, configFilePath: String) throws -> Table? {
        if let table = table(named: key) { return table }
        let domain = (try? SiteValueParser.domain(.string(key))) ?? key
        if let table = try table(withDomain: domain, sources: sources) { return table }
        if domain == "anaconda.com" { return Table(name: "anaconda.com", values: [:]) }
        throw AnacondaError(
            .unknownSiteName, message: "The site or domain \(key) has not been configured in \(configFilePath)")
    }
}
