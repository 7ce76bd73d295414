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
        typealias Parse = SiteValueParser
        switch field {
        case .site: settings.site = try Parse.string(value)
        case .preferredTokenStorage: settings.preferredTokenStorage = try Parse.tokenStorage(value)
        case .domain: settings.domain = try Parse.domain(value)
        case .authDomainOverride: settings.authDomainOverride = try Parse.domain(value)
        case .apiKey: settings.apiKey = try Parse.string(value)
        case .keyring: settings.keyring = try Parse.keyring(value)
        case .keyringPath: settings.keyringPath = sources.absolutePath(try Parse.string(value))
        case .sslVerify: settings.sslVerify = try Parse.sslVerify(value, sources: sources)
        case .extraHeaders: settings.extraHeaders = try Parse.stringTable(value)
        case .clientID: settings.clientID = try Parse.string(value)
        case .redirectURI: settings.redirectURI = try Parse.string(value)
        case .openIDConfigPath: settings.openIDConfigPath = try Parse.string(value)
        case .oidcRequestHeaders: settings.oidcRequestHeaders = try Parse.stringTable(value)
        case .loginSuccessPath: settings.loginSuccessPath = try Parse.string(value)
        case .loginErrorPath: settings.loginErrorPath = try Parse.string(value)
        case .useUnifiedRepoAPIKey: settings.useUnifiedRepoAPIKey = try Parse.bool(value)
        case .hashHostname: settings.hashHostname = try Parse.bool(value)
        case .proxyServers: settings.proxyServers = try Parse.stringTable(value)
        case .clientCert: settings.clientCert = try Parse.string(value)
        case .clientCertKey: settings.clientCertKey = try Parse.string(value)
        case .useDeviceFlow: settings.useDeviceFlow = try Parse.bool(value)
        case .envManagerChannel: settings.envManagerChannel = try Parse.string(value)
        case .envManagerPackage: settings.envManagerPackage = try Parse.string(value)
        case .envManagerVersion: settings.envManagerVersion = try Parse.envManagerVersion(value)
        case .apiKeyExpirationDays: settings.apiKeyExpirationDays = try Parse.days(value)
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
