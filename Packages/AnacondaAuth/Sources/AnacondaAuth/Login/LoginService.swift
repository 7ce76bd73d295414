import AnacondaCore
import FoundationEssentials

/// Logging in, out and minting API keys for one site: the reference's `anaconda_auth.actions`.
public struct LoginService: Sendable {
    /// How to log in.
    public enum Method: Sendable {
        case device
        case browser
    }

    public let client: AnacondaClient
    public let store: TokenStore
    public let terminal: any Terminal
    public let browser: any BrowserOpener
    /// How the device flow waits between polls and when its code expires; the key's expiry date (tests pass a
    /// clock that advances when slept on).
    public var clock: PluginClock = .system

    public init(client: AnacondaClient, store: TokenStore, terminal: any Terminal, browser: any BrowserOpener) {
        self.client = client
        self.store = store
        self.terminal = terminal
        self.browser = browser
    }

    /// OAuth login, then an API key minted and stored. Refuses up front when the key comes from the configuration.
    public func logIn(method: Method) async throws {
        if let keyring = store.keyring as? ConfigKeyring { throw keyring.refusal("set") }
        let configuration = try await OpenIDConfiguration.fetch(with: client)
        let accessToken: String
        switch method {
        case .device:
            accessToken = try await DeviceFlow(
                client: client, configuration: configuration, terminal: terminal, browser: browser, clock: clock
            ).run()
        case .browser:
            accessToken = try await AuthorizationCodeFlow(
                client: client, configuration: configuration, terminal: terminal, browser: browser
            ).run()
        }
        let apiKey = try await mintAPIKey(accessToken: accessToken)
        var token = (try? store.load()) ?? nil ?? TokenInfo(domain: client.site.domain, apiKey: nil)
        token.domain = client.site.domain
        token.apiKey = apiKey
        token.version = 2
        try store.save(token)
    }

    /// `POST https://{auth_domain}/api/auth/api-keys`, falling back to `https://{domain}/api/iam/api-keys`; 201 only.
    func mintAPIKey(accessToken: String) async throws -> String {
        var members: [JSONValue.Member] = [
            .init("scopes", .array(["cloud:read", "cloud:write", "repo:read"].map(JSONValue.string))),
            .init("tags", .array([.string("anaconda-auth/v\(AnacondaAuthVersion.referenceVersion)")])),
        ]
        if let days = client.site.apiKeyExpirationDays {
            // api_key_expiration_days: the key's expiry, as an ISO 8601 UTC time.
            let expiry = clock.now.addingTimeInterval(Double(days) * 86_400)
            members.append(.init("expires_at", .string(expiry.formatted(Date.ISO8601FormatStyle()))))
        }
        let body = JSONValue.object(members)
        let authorization = [("Authorization", "Bearer \(accessToken)")]
        let site = client.site
        for url in ["https://\(site.authDomain)/api/auth/api-keys", "https://\(site.domain)/api/iam/api-keys"] {
            let response = try await client.post(url, json: body, headers: authorization, authenticated: false)
            if let key = Self.mintedKey(from: response) { return key }
        }
        terminal.printError("Error retrieving an API key")
        throw AnacondaError(.authenticationError, message: "")
    }

    /// The key of an API-key endpoint's answer: 201 with a string `api_key`, nothing else.
    static func mintedKey(from response: AnacondaResponse) -> String? {
        guard response.statusCode == 201 else { return nil }
        return try? response.json()["api_key"]?.stringValue
    }

    /// Deletes the stored key; when the server advertises a revocation endpoint the key is revoked first (best
    /// effort). Returns whether a key was stored.
    @discardableResult
    public func logOut() async throws -> Bool {
        if let keyring = store.keyring as? ConfigKeyring { throw keyring.refusal("delete") }
        if let key = try? store.load()?.apiKey,
            let configuration = try? await OpenIDConfiguration.fetch(with: client),
            let revocation = configuration.revocationEndpoint
        {
            _ = try? await client.post(
                revocation,
                form: [("token", key), ("token_type_hint", "access_token"), ("client_id", client.site.clientID)])
        }
        return try store.delete()
    }
}

extension PluginClock {
    /// The wall clock's reading as a date.
    public var now: Date { Date(timeIntervalSince1970: secondsSince1970()) }
}
