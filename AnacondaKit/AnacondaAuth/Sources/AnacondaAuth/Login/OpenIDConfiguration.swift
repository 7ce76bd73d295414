import AnacondaPluginAPI

/// The OIDC discovery document, fetched once per login.
public struct OpenIDConfiguration: Sendable, Equatable {
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var deviceAuthorizationEndpoint: String?
    public var revocationEndpoint: String?

    /// `GET https://{auth_domain}{openid_config_path}` (no `Authorization`).
    public static func fetch(with client: AnacondaClient) async throws -> OpenIDConfiguration {
        let response = try await client.get(client.site.wellKnownURL, authenticated: false)
        try response.raiseForStatus()
        let document = try response.json()
        guard let authorization = document["authorization_endpoint"]?.stringValue,
            let token = document["token_endpoint"]?.stringValue
        else {
            throw AnacondaError(
                label: "ValidationError",
                message: "The OpenID configuration at \(client.site.wellKnownURL) has no authorization_endpoint or "
                    + "token_endpoint")
        }
        return OpenIDConfiguration(
            authorizationEndpoint: authorization, tokenEndpoint: token,
            deviceAuthorizationEndpoint: document["device_authorization_endpoint"]?.stringValue,
            revocationEndpoint: document["revocation_endpoint"]?.stringValue)
    }
}
