import AnacondaCore

/// Applies sourced raw values to ``AnacondaAuthSite``, collecting one validation problem per bad value.
struct SiteSettingsBuilder {
    var settings: AnacondaAuthSite
    private(set) var problems: [ConfigProblem] = []
    let sources: ConfigurationSources

    init(site: String, sources: ConfigurationSources) {
        self.settings = AnacondaAuthSite(site: site, homeDirectory: sources.homeDirectory)
        self.sources = sources
    }

    /// Sets every field in `values`.
    mutating func apply(_ values: [SiteField: SourcedValue]) {
        for field in SiteField.allCases {
            guard let sourced = values[field] else { continue }
            do {
                try set(field, sourced.value)
                settings.sources[field] = sourced.source
            } catch {
                problems.append(ConfigProblem(field: field, value: sourced, message: error.message))
            }
        }
    }

    private mutating func set(_ field: SiteField, _ value: JSONValue) throws(SiteValueParser.Invalid) {
        do {
            try SiteSetting.of(field).read(&settings, value, sources)
        } catch let invalid as SiteValueParser.Invalid {
            throw invalid
        } catch {
            throw SiteValueParser.Invalid(message: "\(error)")
        }
    }
}

/// One invalid value: the setting, where it came from, and why it is wrong.
public struct ConfigProblem: Sendable, Equatable {
    public var field: SiteField?
    public var value: SourcedValue
    public var message: String

    /// The reference's bullet: `- Error in environment variable X=v\n    <message>`; secrets are redacted.
    public var bullet: String {
        let shown = field?.isSecret == true ? "<redacted>" : value.value.displayText
        let place: String
        switch value.source {
        case .environment(let variable): place = "environment variable \(variable)=\(shown)"
        case .configFile(let path, let table, let key): place = "\(path) in [\(table)] for \(key) = \(shown)"
        case .dotenv(let path, let variable): place = "\(path) for \(variable)=\(shown)"
        case .secretFile(let path): place = "secret file \(path) = \(shown)"
        case .argument(let name): place = "argument \(name)=\(shown)"
        }
        return "- Error in \(place)\n    \(message)"
    }
}

extension AnacondaError {
    /// Invalid configuration values, rendered as the reference does: `AnacondaConfigValidationError: ` and one
    /// bullet per problem.
    public static func invalidConfiguration(_ problems: [ConfigProblem]) -> AnacondaError {
        AnacondaError(.anacondaConfigValidationError, message: "\n" + problems.map(\.bullet).joined(separator: "\n"))
    }
}

extension JSONValue {
    /// Strings as they are, everything else as compact JSON.
    var displayText: String {
        if case .string(let text) = self { return text }
        return JSONWriter.python.string(self)
    }
}
