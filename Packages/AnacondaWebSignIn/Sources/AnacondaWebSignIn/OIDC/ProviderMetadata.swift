import AnacondaCore

/// The provider's OIDC discovery document: what a web sign-in needs of it.
struct ProviderMetadata: Sendable, Equatable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var userinfoEndpoint: String?
    var jwksURI: String
    /// RFC 7009 token revocation, when the provider offers it (a signed-out session's refresh token is revoked).
    var revocationEndpoint: String?
    /// `id_token_signing_alg_values_supported` (empty when not announced).
    var signingAlgorithms: [String]

    /// Reads a discovery document fetched from `url`; a missing or non-HTTPS endpoint is an error.
    init(document: JSONValue, from url: String) throws(WebSignInError) {
        func endpoint(_ key: String) throws(WebSignInError) -> String {
            guard let value = document[key]?.stringValue, value.lowercased().hasPrefix("https://") else {
                throw WebSignInError(.providerUnavailable, "the discovery document at \(url) has no https \(key)")
            }
            return value
        }
        guard let issuer = document["issuer"]?.stringValue, !issuer.isEmpty else {
            throw WebSignInError(.providerUnavailable, "the discovery document at \(url) has no issuer")
        }
        self.issuer = issuer
        authorizationEndpoint = try endpoint("authorization_endpoint")
        tokenEndpoint = try endpoint("token_endpoint")
        jwksURI = try endpoint("jwks_uri")
        userinfoEndpoint = document["userinfo_endpoint"] == nil ? nil : try endpoint("userinfo_endpoint")
        revocationEndpoint = document["revocation_endpoint"] == nil ? nil : try endpoint("revocation_endpoint")
        if case .array(let values)? = document["id_token_signing_alg_values_supported"] {
            signingAlgorithms = values.compactMap(\.stringValue)
        } else {
            signingAlgorithms = []
        }
    }
}
