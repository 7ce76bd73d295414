import AnacondaCore

/// The resolved settings of one site, with the reference's defaults (`AnacondaAuthSite` / `AnacondaAuthConfig`).
public struct AnacondaAuthSite: Sendable, Equatable {
    /// The site's name (its `[sites.<name>]` key), or its domain when it has no table.
    public var site: String
    public var preferredTokenStorage: TokenStorage = .anacondaKeyring
    /// The site's domain, normalised to a host (and port): `https://Foo.example.com/x` → `Foo.example.com`.
    public var domain: String = "anaconda.com"
    public var authDomainOverride: String?
    /// A configured API key; when set it is used instead of a stored login (a read-only keyring).
    public var apiKey: String?
    /// A whole keyring given inline, `{"Anaconda Cloud": {"<domain>": "<b64>"}}` (a read-only keyring).
    public var keyring: [String: [String: String]]?
    /// The file keyring's path, expanded and absolute.
    public var keyringPath: String
    public var sslVerify: SSLVerification = .enabled
    public var extraHeaders: [String: String]?
    public var clientID = "b4ad7f1d-c784-46b5-a9fe-106e50441f5a"
    public var redirectURI = "http://127.0.0.1:8000/auth/oidc"
    public var openIDConfigPath = "/.well-known/openid-configuration"
    public var oidcRequestHeaders = ["User-Agent": "anaconda-auth/\(AnacondaAuthVersion.referenceVersion)"]
    public var loginSuccessPath = "/app/local-login-success"
    public var loginErrorPath = "/app/local-login-error"
    public var useUnifiedRepoAPIKey = false
    public var hashHostname = true
    public var proxyServers: [String: String]?
    public var clientCert: String?
    public var clientCertKey: String?
    public var useDeviceFlow = true
    public var envManagerChannel = "anaconda-cloud"
    public var envManagerPackage = "anaconda-env-manager"
    public var envManagerVersion: String?
    /// Days the API key a login creates should live; `nil`: the server's default.
    public var apiKeyExpirationDays: Int?

    /// Where each explicitly set value came from (defaults have no entry).
    public var sources: [SiteField: ConfigSource] = [:]

    /// The defaults for `site`, with the keyring at `~/.anaconda/keyring` under `homeDirectory`.
    public init(site: String = "anaconda.com", homeDirectory: String) {
        self.site = site
        self.keyringPath = homeDirectory + "/.anaconda/keyring"
    }

    /// The domain of the OIDC server: `auth_domain_override`, else `domain`.
    public var authDomain: String { authDomainOverride ?? domain }

    /// `https://{auth_domain}{openid_config_path}`.
    public var wellKnownURL: String { "https://\(authDomain)" + Self.absolutePath(openIDConfigPath) }

    /// `https://{domain}{login_success_path}`.
    public var loginSuccessURL: String { "https://\(domain)" + Self.absolutePath(loginSuccessPath) }

    /// `https://{domain}{login_error_path}`.
    public var loginErrorURL: String { "https://\(domain)" + Self.absolutePath(loginErrorPath) }

    private static func absolutePath(_ path: String) -> String { path.hasPrefix("/") ? path : "/" + path }

    /// The value of `field` as `sites show` prints it (`null` when unset; secrets redacted unless `revealSecrets`).
    public func jsonValue(of field: SiteField, revealSecrets: Bool = false) -> JSONValue {
        let value = SiteSetting.of(field).json(self)
        return field.isSecret && !revealSecrets && value != .null ? .string("**********") : value
    }
}

/// Versions reported to servers.
public enum AnacondaAuthVersion {
    /// Our version.
    public static let current = "0.1.0"
    /// The reference version whose behaviour we match, used in the default `User-Agent`.
    public static let referenceVersion = "0.15.3"
}
