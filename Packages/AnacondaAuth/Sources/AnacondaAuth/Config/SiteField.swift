/// Every setting of a site, named as in the reference's `AnacondaAuthSite` and in the same order.
/// Environment variable: `ANACONDA_AUTH_<NAME>`; config: `[plugin.auth]` or `[sites.<name>]`.
public enum SiteField: String, CaseIterable, Sendable, Hashable {
    case site
    case preferredTokenStorage = "preferred_token_storage"
    case domain
    case authDomainOverride = "auth_domain_override"
    case apiKey = "api_key"
    case keyring
    case keyringPath = "keyring_path"
    case sslVerify = "ssl_verify"
    case extraHeaders = "extra_headers"
    case clientID = "client_id"
    case redirectURI = "redirect_uri"
    case openIDConfigPath = "openid_config_path"
    case oidcRequestHeaders = "oidc_request_headers"
    case loginSuccessPath = "login_success_path"
    case loginErrorPath = "login_error_path"
    case useUnifiedRepoAPIKey = "use_unified_repo_api_key"
    case hashHostname = "hash_hostname"
    case proxyServers = "proxy_servers"
    case clientCert = "client_cert"
    case clientCertKey = "client_cert_key"
    case useDeviceFlow = "use_device_flow"
    case envManagerChannel = "env_manager_channel"
    case envManagerPackage = "env_manager_package"
    case envManagerVersion = "env_manager_version"
    /// The lifetime in days of the API keys a login creates (the reference's documented setting).
    case apiKeyExpirationDays = "api_key_expiration_days"

    /// The field's name in TOML and JSON.
    public var key: String { rawValue }

    /// `ANACONDA_AUTH_DOMAIN` for `domain`, with `prefix` `ANACONDA_AUTH_`.
    public func environmentVariable(prefix: String = "ANACONDA_AUTH_") -> String {
        prefix + rawValue.uppercased()
    }

    /// Settings whose values are credentials: never printed.
    public var isSecret: Bool { self == .apiKey || self == .keyring }

    /// Fields the reference does not have: `sites show --show-hidden` prints them only when they are set, so its
    /// output stays the reference's for every configuration the reference understands.
    public var isExtension: Bool { self == .apiKeyExpirationDays }

    /// The fields `anaconda sites show` prints without `--show-hidden`, in order.
    public static let shownByDefault: [SiteField] = [
        .domain, .sslVerify, .extraHeaders, .useUnifiedRepoAPIKey, .proxyServers, .clientCert, .clientCertKey,
        .useDeviceFlow,
    ]
}
