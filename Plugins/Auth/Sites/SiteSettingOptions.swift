import AnacondaAuth
import AnacondaPluginAPI

/// The settings `sites add` and `sites modify` can write, with the reference's option names.
struct SiteSettingOptions: ParsableArguments {
    @Option(help: "Domain name for site, defaults to 'anaconda.com'")
    var domain: String?

    @Option(help: "Name for site, defaults to domain if not supplied")
    var name: String?

    @Flag(name: .customLong("default"), inversion: .prefixedNo, help: "Set this site as default")
    var makeDefault: Bool?

    @Option(help: "API key for this site (stored in the config file, which may not be secure)")
    var apiKey: String?

    @Flag(inversion: .prefixedNo, help: "Enable SSL verification")
    var sslVerify: Bool?

    @Flag(inversion: .prefixedNo, help: "Use the OS trust store for SSL verification")
    var useTruststore: Bool?

    @Option(help: "Extra headers to send with every request, as a JSON object")
    var extraHeaders: String?

    @Flag(inversion: .prefixedNo, help: "Use the unified API key for repository access")
    var useUnifiedRepoApiKey: Bool?

    @Option(help: "Proxy servers as a JSON object, e.g. '{\"https\": \"http://proxy:3128\"}'")
    var proxyServers: String?

    @Option(help: "Path to a client certificate")
    var clientCert: String?

    @Option(help: "Path to the client certificate's key")
    var clientCertKey: String?

    @Flag(inversion: .prefixedNo, help: "Log in with the device flow (otherwise the browser flow)")
    var useDeviceFlow: Bool?

    @Flag(inversion: .prefixedNo, help: .hidden)
    var disableCondaAutoConfig: Bool?

    @Option(help: .hidden) var preferredTokenStorage: String?
    @Option(help: .hidden) var authDomainOverride: String?
    @Option(help: .hidden) var keyring: String?
    @Option(help: .hidden) var clientId: String?
    @Option(help: .hidden) var redirectUri: String?
    @Option(help: .hidden) var openidConfigPath: String?
    @Option(help: .hidden) var oidcRequestHeaders: String?
    @Option(help: .hidden) var loginSuccessPath: String?
    @Option(help: .hidden) var loginErrorPath: String?
    @Flag(name: .customLong("hash-host-name"), inversion: .prefixedNo, help: .hidden) var hashHostname: Bool?
    @Option(help: "Lifetime in days of the API keys a login creates (1 to 3650).") var apiKeyExpirationDays: Int?

    @Flag(help: "Write without asking (--yes, -y) or only show the change (--dry-run)")
    var confirmation: SitesChange.Confirmation?

    /// The settings given on the command line, in the model's field order, validated; usage problems exit 2.
    func values(in context: PluginContext) throws -> [(field: SiteField, value: JSONValue)] {
        if sslVerify == false, useTruststore == true {
            throw SitesChange.usageError("Cannot set both --use-truststore and --no-ssl-verify", context)
        }
        var values: [(SiteField, JSONValue)] = []
        func add(_ field: SiteField, _ value: JSONValue?) { if let value { values.append((field, value)) } }
        func json(_ text: String?, option: String) throws -> JSONValue? {
            guard let text else { return nil }
            guard let value = try? JSONValue.parse(text) else {
                throw SitesChange.usageError(
                    option == "keyring"
                        ? "The keyring argument could not be parsed as JSON"
                        : "\(option)=\(text) could not be parsed as JSON", context)
            }
            return value
        }
        add(.preferredTokenStorage, preferredTokenStorage.map(JSONValue.string))
        add(.domain, domain.map(JSONValue.string))
        add(.authDomainOverride, authDomainOverride.map(JSONValue.string))
        add(.apiKey, apiKey.map(JSONValue.string))
        add(.keyring, try json(keyring, option: "keyring"))
        let truststore: JSONValue? = useTruststore == true ? .string("truststore") : nil
        add(.sslVerify, truststore ?? sslVerify.map(JSONValue.bool))
        add(.extraHeaders, try json(extraHeaders, option: "extra-headers"))
        add(.clientID, clientId.map(JSONValue.string))
        add(.redirectURI, redirectUri.map(JSONValue.string))
        add(.openIDConfigPath, openidConfigPath.map(JSONValue.string))
        add(.oidcRequestHeaders, try json(oidcRequestHeaders, option: "oidc-request-headers"))
        add(.loginSuccessPath, loginSuccessPath.map(JSONValue.string))
        add(.loginErrorPath, loginErrorPath.map(JSONValue.string))
        add(.useUnifiedRepoAPIKey, useUnifiedRepoApiKey.map(JSONValue.bool))
        add(.hashHostname, hashHostname.map(JSONValue.bool))
        add(.proxyServers, try json(proxyServers, option: "proxy-servers"))
        add(.clientCert, clientCert.map(JSONValue.string))
        add(.clientCertKey, clientCertKey.map(JSONValue.string))
        add(.useDeviceFlow, useDeviceFlow.map(JSONValue.bool))
        add(.apiKeyExpirationDays, apiKeyExpirationDays.map(JSONValue.integer))
        return values
    }
}
