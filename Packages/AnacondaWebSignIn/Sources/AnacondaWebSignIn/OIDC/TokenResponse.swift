import AnacondaCore

/// A token endpoint's answer (RFC 6749 §5.1, OIDC §3.1.3.3).
struct TokenResponse: Sendable {
    var accessToken: String
    var refreshToken: String?
    var idToken: String?
    /// Seconds; `nil` when the provider does not say.
    var expiresIn: Int?

    init(document: JSONValue) throws(WebSignInError) {
        guard let accessToken = document["access_token"]?.stringValue, !accessToken.isEmpty else {
            throw WebSignInError(.providerUnavailable, "the token endpoint's answer has no access_token")
        }
        if let type = document["token_type"]?.stringValue, type.lowercased() != "bearer" {
            throw WebSignInError(.providerUnavailable, "the token endpoint issued a \(type) token, not a Bearer token")
        }
        self.accessToken = accessToken
        refreshToken = document["refresh_token"]?.stringValue
        idToken = document["id_token"]?.stringValue
        // A number, possibly a JSON float; anything absurd counts as unknown.
        if let seconds = document["expires_in"]?.doubleValue, seconds.isFinite, seconds >= 0,
            seconds < 10 * 365 * 86_400
        {
            expiresIn = Int(seconds)
        } else {
            expiresIn = nil
        }
    }
}
