import AnacondaCore

/// The OIDC discovery document, fetched once per login.
public struct OpenIDConfiguration: Sendable, Equatable {
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var deviceAuthorizationEndpoint: String?
    public var revocationEndpoint: String?

    public init(
        authorizationEndpoint: String, tokenEndpoint: String, deviceAuthorizationEndpoint: String?,
        revocationEndpoint: String?
    ) {
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint
        self.revocationEndpoint = revocationEndpoint
    }

    /// `GET https://{auth_domain}{openid_config_path}` (no `Authorization`).
    public static func fetch(with client: AnacondaClient) async throws -> OpenIDConfiguration {
        let response = try await client.get(client.site.wellKnownURL, authenticated: false)
        try response.raiseForStatus()
        return try OpenIDConfiguration(document: try response.json(), from: client.site.wellKnownURL)
    }

    /// The endpoints of a discovery document fetched from `url`.
    init(document: JSONValue, from url: String) throws {
        guard let authorization = document["authorization_endpoint"]?.stringValue,
            let token = document["token_endpoint"]?.stringValue
        else {
            throw AnacondaError(
                .validationError,
                message: "The OpenID configuration at \(url) has no authorization_endpoint or token_endpoint")
        }
        self.init(
            authorizationEndpoint: authorization, tokenEndpoint: token,
            deviceAuthorizationEndpoint: document["device_authorization_endpoint"]?.stringValue,
            revocationEndpoint: document["revocation_endpoint"]?.stringValue)
    }
}
