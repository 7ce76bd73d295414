import AnacondaAuth
import AnacondaCore
import FoundationEssentials
import Synchronization

/// The provider as the app's server sees it: the discovery document (cached for an hour), the token endpoint
/// (the client secret in the body), userinfo and the ID-token keys. Every request has the client's timeouts.
final class OIDCProvider: Sendable {
    let client: AnacondaClient
    let settings: WebSignInSettings
    let keys: IDTokenVerifier
    private let now: @Sendable () -> Date
    private let cached = Mutex<(metadata: ProviderMetadata, fetched: Date)?>(nil)

    init(client: AnacondaClient, settings: WebSignInSettings, now: @escaping @Sendable () -> Date) {
        self.client = client
        self.settings = settings
        self.now = now
        keys = IDTokenVerifier(
            fetchKeys: { [client] uri in
                let response = try await client.get(uri, authenticated: false)
                try response.raiseForStatus()
                return response.body
            }, now: now)
    }

    func metadata() async throws(WebSignInError) -> ProviderMetadata {
        if let cached = cached.withLock({ $0 }), now().timeIntervalSince(cached.fetched) < 3600 {
            return cached.metadata
        }
        let url = client.site.wellKnownURL
        let document = try await json("the discovery document", url) { [client] in
            try await client.get(url, authenticated: false)
        }
        let metadata = try ProviderMetadata(document: document, from: url)
        cached.withLock { $0 = (metadata, now()) }
        return metadata
    }

    /// Exchanges an authorization code (with its PKCE verifier).
    func exchange(code: String, verifier: String) async throws(WebSignInError) -> TokenResponse {
        try await token([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", settings.redirectURL),
            ("code_verifier", verifier),
        ])
    }

    /// The refresh-token grant.
    func refresh(_ refreshToken: String) async throws(WebSignInError) -> TokenResponse {
        try await token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
    }

    /// Revokes a refresh token (RFC 7009) when the provider offers revocation; failures are ignored (the session
    /// cookie is deleted anyway).
    func revoke(refreshToken: String) async {
        guard let url = try? await metadata().revocationEndpoint else { return }
        let form = [
            ("token", refreshToken), ("token_type_hint", "refresh_token"), ("client_id", settings.clientID),
            ("client_secret", settings.clientSecret),
        ]
        _ = try? await client.post(url, form: form, authenticated: false)
    }

    /// The userinfo claims for an access token, or `nil` when the provider has no userinfo endpoint.
    func userinfo(accessToken: String) async throws(WebSignInError) -> JSONValue? {
        guard let url = try await metadata().userinfoEndpoint else { return nil }
        return try await json("userinfo", url) { [client] in
            try await client.send(
                "GET", url, headers: [("Authorization", "Bearer \(accessToken)")], authenticated: false)
        }
    }

    /// The ID token's verified and checked claims.
    func verify(idToken: String, nonce: String?) async throws(WebSignInError) -> IDTokenClaims {
        let metadata = try await metadata()
        let payload = try await keys.verify(
            idToken, announcedAlgorithms: metadata.signingAlgorithms, keysAt: metadata.jwksURI)
        return try IDTokenClaims(
            payload: payload, issuer: metadata.issuer, clientID: settings.clientID, nonce: nonce, now: now())
    }

    private func token(_ fields: [(String, String)]) async throws(WebSignInError) -> TokenResponse {
        let url = try await metadata().tokenEndpoint
        let form = fields + [("client_id", settings.clientID), ("client_secret", settings.clientSecret)]
        let response: AnacondaResponse
        do {
            response = try await client.post(url, form: form, authenticated: false)
        } catch {
            throw WebSignInError(
                .providerUnavailable, "the token endpoint could not be reached: \(Self.summary(error))")
        }
        guard response.isSuccess else {
            let code =
                (try? response.json())?["error"]?.stringValue.map(Self.oauthCode) ?? "HTTP \(response.statusCode)"
            switch code {
            case "invalid_client", "unauthorized_client":
                throw WebSignInError(.configuration, "the provider refused the app's client id or secret (\(code))")
            case _ where response.statusCode >= 500:
                throw WebSignInError(.providerUnavailable, "the token endpoint failed (\(code))")
            default:
                throw WebSignInError(.codeRejected, "the provider refused the sign-in (\(code))")
            }
        }
        guard let document = try? response.json() else {
            throw WebSignInError(.providerUnavailable, "the token endpoint's answer is not JSON")
        }
        return try TokenResponse(document: document)
    }

    private func json(_ what: String, _ url: String, _ request: () async throws -> AnacondaResponse)
        async throws(WebSignInError) -> JSONValue
    {
        let response: AnacondaResponse
        do {
            response = try await request()
        } catch {
            throw WebSignInError(.providerUnavailable, "\(what) at \(url) could not be fetched: \(Self.summary(error))")
        }
        guard response.isSuccess else {
            throw WebSignInError(.providerUnavailable, "\(what) at \(url) answered HTTP \(response.statusCode)")
        }
        guard let document = try? response.json(), case .object = document else {
            throw WebSignInError(.providerUnavailable, "\(what) at \(url) is not a JSON object")
        }
        return document
    }

    /// An OAuth error code as it may be shown: letters, digits and `_` only, at most 64 characters.
    static func oauthCode(_ text: String) -> String {
        let kept = text.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
        }
        return String(String.UnicodeScalarView(kept.prefix(64)))
    }

    /// One line for an error of the network stack.
    static func summary(_ error: any Error) -> String {
        if let failure = error as? HTTPTransportFailure { return failure.summary }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}
