import AnacondaPluginAPI
import FoundationEssentials

/// The three layers above the config file, highest first: environment variables, secret files (named after the
/// lower-cased variable), and `.env` in the working directory.
struct EnvironmentLayers {
    let sources: ConfigurationSources
    private let dotenv: DotEnvFile?
    private let secretsDirectory: String?

    init(sources: ConfigurationSources) {
        self.sources = sources
        let dotenvText = FileManager.default.contents(atPath: sources.dotenvPath).map { String(decoding: $0, as: UTF8.self) }
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

    /// Every site field set as `<prefix><FIELD>` in one of the layers.
    func fields(prefix: String) -> [SiteField: SourcedValue] {
        var values: [SiteField: SourcedValue] = [:]
        for field in SiteField.allCases {
            if let value = setting(field.environmentVariable(prefix: prefix)) { values[field] = value }
        }
        return values
    }
}
