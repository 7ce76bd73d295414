import AnacondaCore
import FoundationEssentials

/// The stored login of one site: load, save and delete its `TokenInfo` in the keyring the configuration selects.
/// This is the storage API the auth plugin and other Swift clients use.
public struct TokenStore: Sendable {
    /// The site whose login this is.
    public let site: AnacondaAuthSite
    /// Where the login is kept.
    public let keyring: any Keyring

    /// Uses `keyring` as it is (tests, custom programs).
    public init(site: AnacondaAuthSite, keyring: any Keyring) {
        self.site = site
        self.keyring = keyring
    }

    /// The keyring the configuration selects, as in the reference: a configured `api_key` / `keyring` (read-only),
    /// else for `preferred_token_storage = "system"` the Secret Service with the file keyring behind it, else the
    /// file keyring. `warn` receives the one-line warnings (e.g. why the system keyring could not be used);
    /// `systemKeyring` is injected so tests can stand in for the Secret Service.
    public init(
        site: AnacondaAuthSite,
        warn: @escaping @Sendable (String) -> Void = { StandardTerminal().write($0 + "\n", to: .standardError) },
        systemKeyring: () throws -> any Keyring = { try SecretServiceKeyring() }
    ) {
        var file = FileKeyring(path: site.keyringPath)
        file.warn = warn
        if site.apiKey != nil || site.keyring != nil {
            self.init(site: site, keyring: ConfigKeyring(site: site))
        } else if site.preferredTokenStorage == .system {
            do {
                self.init(site: site, keyring: ChainedKeyring(primary: try systemKeyring(), fallback: file, warn: warn))
            } catch {
                warn("warning: cannot use the system keyring: \(error). Using \(file.description) instead.")
                self.init(site: site, keyring: file)
            }
        } else {
            self.init(site: site, keyring: file)
        }
    }

    /// Whether logins can be saved here (not when the key comes from the configuration).
    public var isReadOnly: Bool { keyring is ConfigKeyring }

    /// The stored login, or `nil`. For `anaconda.com` a login stored under the legacy domains `id.anaconda.cloud` or
    /// `anaconda.cloud` is moved to `anaconda.com` (as the reference does).
    public func load() throws -> TokenInfo? {
        if let token = try load(account: site.domain) { return token }
        guard site.domain == "anaconda.com", !isReadOnly else { return nil }
        for legacy in ["id.anaconda.cloud", "anaconda.cloud"] {
            guard var token = try load(account: legacy) else { continue }
            token.domain = "anaconda.com"
            token.version = 2
            try save(token)
            try keyring.deletePassword(service: TokenInfo.keyringService, account: legacy)
            return token
        }
        return nil
    }

    /// Saves `token` under the site's domain.
    public func save(_ token: TokenInfo) throws {
        try keyring.setPassword(token.encoded(), service: TokenInfo.keyringService, account: site.domain)
    }

    /// Deletes the site's login (and, for `anaconda.com`, the legacy `anaconda.cloud` entry). Returns whether
    /// there was one.
    @discardableResult
    public func delete() throws -> Bool {
        var deleted = try keyring.deletePassword(service: TokenInfo.keyringService, account: site.domain)
        if site.domain == "anaconda.com" {
            deleted =
                try keyring.deletePassword(service: TokenInfo.keyringService, account: "anaconda.cloud") || deleted
        }
        return deleted
    }

    private func load(account: String) throws -> TokenInfo? {
        guard let value = try keyring.password(service: TokenInfo.keyringService, account: account) else { return nil }
        do {
            return try TokenInfo.decode(value, domain: account)
        } catch {
            throw AnacondaError(
                .keyringError,
                message: "The login stored for \(account) in \(keyring.description) cannot be read: \(error)")
        }
    }
}
