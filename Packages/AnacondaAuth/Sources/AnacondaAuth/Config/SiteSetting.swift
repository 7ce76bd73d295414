import AnacondaCore

/// One setting of a site, declared once: how a raw value (from the config file, the environment, `.env`, the
/// secrets directory or `sites add|modify`) becomes the typed setting, how `sites show` prints it, and the README's
/// row (a test compares them). Adding a setting: a ``SiteField`` case, the ``AnacondaAuthSite`` property, a line here
/// and, for `sites add|modify`, an option in `SiteSettingOptions`.
struct SiteSetting: Sendable {
    typealias Parse = SiteValueParser
    /// Sets the typed value; throws ``SiteValueParser/Invalid`` for a value that cannot be used.
    typealias Read = @Sendable (inout AnacondaAuthSite, JSONValue, ConfigurationSources) throws -> Void

    let field: SiteField
    /// The README's "default" column; `nil`: not documented (internal to the model).
    let documentation: String?
    let read: Read
    let json: @Sendable (AnacondaAuthSite) -> JSONValue

    /// Every setting, in ``SiteField`` order.
    static let all: [SiteSetting] = [
        .init(.site, nil, { site, value, _ in site.site = try Parse.string(value) }, { .string($0.site) }),
        .init(
            .preferredTokenStorage,
            "`anaconda-keyring` (or `system`: Secret Service, with the file behind it)",
            { site, value, _ in site.preferredTokenStorage = try Parse.tokenStorage(value) },
            { .string($0.preferredTokenStorage.rawValue) }),
        .init(
            .domain, "`anaconda.com` (a URL is reduced to its host and port)",
            { site, value, _ in site.domain = try Parse.domain(value) },
            { .string($0.domain) }),
        .init(
            .authDomainOverride, "the domain", { site, value, _ in site.authDomainOverride = try Parse.domain(value) },
            { optional($0.authDomainOverride) }),
        .init(
            .apiKey, "none (when set: a read-only keyring)",
            { site, value, _ in site.apiKey = try Parse.string(value) },
            { optional($0.apiKey) }),
        .init(
            .keyring, "none (a whole keyring as JSON, read-only)",
            { site, value, _ in site.keyring = try Parse.keyring(value) },
            { site in
                site.keyring.map { keyring in
                    .object(keyring.keys.sorted().map { JSONValue.Member($0, table(keyring[$0])) })
                } ?? .null
            }),
        .init(
            .keyringPath, "`~/.anaconda/keyring`",
            { site, value, sources in site.keyringPath = sources.absolutePath(try Parse.string(value)) },
            { .string($0.keyringPath) }),
        .init(
            .sslVerify,
            "`true`; `false`/`0`/`no`/`off`, `truststore`, or a CA bundle file or directory (must exist)",
            { site, value, sources in site.sslVerify = try Parse.sslVerify(value, sources: sources) },
            { $0.sslVerify.jsonValue }),
        .init(
            .extraHeaders, "none (a table, or a JSON object; never overrides other headers)",
            { site, value, _ in site.extraHeaders = try Parse.stringTable(value) }, { table($0.extraHeaders) }),
        .init(
            .clientID, "the reference's", { site, value, _ in site.clientID = try Parse.string(value) },
            { .string($0.clientID) }),
        .init(
            .redirectURI, "the reference's", { site, value, _ in site.redirectURI = try Parse.string(value) },
            { .string($0.redirectURI) }),
        .init(
            .openIDConfigPath, "`/.well-known/openid-configuration`",
            { site, value, _ in site.openIDConfigPath = try Parse.string(value) },
            { .string($0.openIDConfigPath) }),
        .init(
            .oidcRequestHeaders, "the reference's `User-Agent`",
            { site, value, _ in site.oidcRequestHeaders = try Parse.stringTable(value) },
            { table($0.oidcRequestHeaders) }),
        .init(
            .loginSuccessPath, "the reference's", { site, value, _ in site.loginSuccessPath = try Parse.string(value) },
            { .string($0.loginSuccessPath) }),
        .init(
            .loginErrorPath, "the reference's", { site, value, _ in site.loginErrorPath = try Parse.string(value) },
            { .string($0.loginErrorPath) }),
        .init(
            .useUnifiedRepoAPIKey, "`false`", { site, value, _ in site.useUnifiedRepoAPIKey = try Parse.bool(value) },
            { .bool($0.useUnifiedRepoAPIKey) }),
        .init(
            .hashHostname, "`true` (`X-Client-Hostname` is a hash of the host name)",
            { site, value, _ in site.hashHostname = try Parse.bool(value) }, { .bool($0.hashHostname) }),
        .init(
            .proxyServers, "none; `HTTPS_PROXY`/`NO_PROXY` are honoured",
            { site, value, _ in site.proxyServers = try Parse.stringTable(value) },
            { table($0.proxyServers) }),
        .init(
            .clientCert, "none", { site, value, _ in site.clientCert = try Parse.string(value) },
            { optional($0.clientCert) }),
        .init(
            .clientCertKey, "none", { site, value, _ in site.clientCertKey = try Parse.string(value) },
            { optional($0.clientCertKey) }),
        .init(
            .useDeviceFlow, "`true`", { site, value, _ in site.useDeviceFlow = try Parse.bool(value) },
            { .bool($0.useDeviceFlow) }),
        .init(
            .envManagerChannel, "`anaconda-cloud`",
            { site, value, _ in site.envManagerChannel = try Parse.string(value) },
            { .string($0.envManagerChannel) }),
        .init(
            .envManagerPackage, "`anaconda-env-manager`",
            { site, value, _ in site.envManagerPackage = try Parse.string(value) },
            { .string($0.envManagerPackage) }),
        .init(
            .envManagerVersion, "none",
            { site, value, _ in site.envManagerVersion = try Parse.envManagerVersion(value) },
            { optional($0.envManagerVersion) }),
        .init(
            .apiKeyExpirationDays,
            "none (the server's default; 1–3650, sent as `expires_at` when a login creates a key)",
            { site, value, _ in site.apiKeyExpirationDays = try Parse.days(value) },
            { $0.apiKeyExpirationDays.map(JSONValue.integer) ?? .null }),
    ]

    private static let byField = Dictionary(uniqueKeysWithValues: all.map { ($0.field, $0) })

    static func of(_ field: SiteField) -> SiteSetting {
        // Every field is declared (a test checks it); the lookup cannot fail.
        byField[field] ?? all[0]
    }

    /// The README row: `| \`key\` | \`ANACONDA_AUTH_KEY\` | default |`.
    var readmeRow: String? {
        documentation.map { "| `\(field.key)` | `\(field.environmentVariable())` | \($0) |" }
    }

    private init(
        _ field: SiteField, _ documentation: String?, _ read: @escaping Read,
        _ json: @escaping @Sendable (AnacondaAuthSite) -> JSONValue
    ) {
        self.field = field
        self.documentation = documentation
        self.read = read
        self.json = json
    }

    private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    private static func table(_ dictionary: [String: String]?) -> JSONValue {
        guard let dictionary else { return .null }
        return .object(dictionary.sorted { $0.key < $1.key }.map { JSONValue.Member($0.key, .string($0.value)) })
    }
}
