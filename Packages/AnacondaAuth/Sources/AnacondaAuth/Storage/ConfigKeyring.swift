import AnacondaCore

/// `api_key` or `keyring` from the configuration (or `ANACONDA_AUTH_API_KEY` / `ANACONDA_AUTH_KEYRING`) acting as a
/// read-only keyring, as in the reference: CI jobs log in by setting an environment variable.
public struct ConfigKeyring: Keyring {
    let site: AnacondaAuthSite

    public init(site: AnacondaAuthSite) {
        self.site = site
    }

    /// Where the credential comes from, for messages (`environment variable ANACONDA_AUTH_API_KEY`, ...).
    public var origin: String {
        let field: SiteField = site.keyring != nil ? .keyring : .apiKey
        return site.sources[field].map { "\($0)" } ?? "the \(field.rawValue) setting"
    }

    public var description: String { "the API key configured in \(origin)" }

    public func password(service: String, account: String) throws -> String? {
        if let keyring = site.keyring { return keyring[service]?[account] }
        guard service == TokenInfo.keyringService, account == site.domain, let apiKey = site.apiKey else { return nil }
        return TokenInfo(domain: site.domain, apiKey: apiKey).encoded()
    }

    public func setPassword(_ password: String, service: String, account: String) throws {
        throw refusal("set")
    }

    public func deletePassword(service: String, account: String) throws -> Bool {
        throw refusal("delete")
    }

    /// The error for a write (`verb`: "set" or "delete") against the configured credential.
    public func refusal(_ verb: String) -> AnacondaError {
        AnacondaError(
            .passwordSetError,
            message: "This keyring cannot \(verb) passwords: the credential comes from \(origin); "
                + "remove it there to log in or out with a stored key")
    }
}
