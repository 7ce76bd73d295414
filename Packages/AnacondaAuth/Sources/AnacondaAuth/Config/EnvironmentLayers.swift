import AnacondaCore
import FoundationEssentials

/// The three layers above the config file, highest first: environment variables, secret files (named after the
/// lower-cased variable), and `.env` in the working directory.
struct EnvironmentLayers {
    let sources: ConfigurationSources
    private let dotenv: DotEnvFile?
    private let secretsDirectory: String?

    init(sources: ConfigurationSources) {
        self.sources = sources
        let dotenvText = FileManager.default.contents(atPath: sources.dotenvPath).map {
            String(decoding: $0, as: UTF8.self)
        }
        self.dotenv = dotenvText.map(DotEnvFile.init(text:))
        self.secretsDirectory = sources.secretsDirectory
    }

    /// The value of one setting, e.g. `ANACONDA_DEFAULT_SITE`, from the highest layer that has it.
    func setting(_ variable: String) -> SourcedValue? {
        if let (name, value) = sources.variable(variable) {
            return SourcedValue(.string(value), from: .environment(variable: name))
        }
        if let directory = secretsDirectory {
            let path = Paths.join(directory, variable.lowercased())
            if let data = FileManager.default.contents(atPath: path) {
                return SourcedValue(
                    .string(String(decoding: data, as: UTF8.self).trimmingWhitespace()), from: .secretFile(path: path))
            }
        }
        if let dotenv, let (name, value) = dotenv.values.first(where: { $0.key.uppercased() == variable }) {
            return SourcedValue(.string(value), from: .dotenv(path: sources.dotenvPath, variable: name))
        }
        return nil
    }

    /// Every site field set as `<prefix><FIELD>` in one of the layers. A table field (`extra_headers`,
    /// `proxy_servers`) may also be given key by key, as pydantic-settings reads nested variables:
    /// `ANACONDA_AUTH_EXTRA_HEADERS__X_NAME=v` is `{"x_name": "v"}` (keys lower-cased, as the reference has them).
    func fields(prefix: String) -> [SiteField: SourcedValue] {
        var values: [SiteField: SourcedValue] = [:]
        for field in SiteField.allCases {
            let variable = field.environmentVariable(prefix: prefix)
            if let value = setting(variable) {
                values[field] = value
            } else if field == .extraHeaders || field == .proxyServers, let nested = nestedTable(variable) {
                values[field] = nested
            }
        }
        return values
    }

    /// `<VARIABLE>__<KEY>` variables (environment first, then `.env`) as one table, named after the first.
    private func nestedTable(_ variable: String) -> SourcedValue? {
        let marker = variable + "__"
        var members: [JSONValue.Member] = []
        var source: ConfigSource?
        let environment = sources.environment.sorted { $0.key < $1.key }
            .map { ($0.key, $0.value, ConfigSource.environment(variable: $0.key)) }
        let file = (dotenv?.values ?? [:]).sorted { $0.key < $1.key }
            .map { ($0.key, $0.value, ConfigSource.dotenv(path: sources.dotenvPath, variable: $0.key)) }
        for (name, value, origin) in environment + file where name.uppercased().hasPrefix(marker) {
            let key = String(name.dropFirst(marker.count)).lowercased()
            guard !key.isEmpty, !members.contains(where: { $0.key == key }) else { continue }
            members.append(JSONValue.Member(key, .string(value)))
            source = source ?? origin
        }
        guard let source, !members.isEmpty else { return nil }
        return SourcedValue(.object(members), from: source)
    }
}
