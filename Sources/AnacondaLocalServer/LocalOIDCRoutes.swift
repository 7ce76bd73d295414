import AnacondaPluginAPI
import Foundation
import HTTPTypes
import Hummingbird

/// The server as a confidential OpenID Connect provider for web apps (`--web-client`): the authorization request and
/// its approval page, the token endpoint's answers to web clients (ID tokens, refresh tokens), userinfo, the JWKS,
/// the `/oauth2/...` aliases, and the test knobs `/_test/id-token-fault` and `/_test/access-token-lifetime`.
struct LocalOIDCRoutes: Sendable {
    let routes: LocalServerRoutes

    private var state: LocalServerState { routes.state }

    static let supportedScopes = ["openid", "email", "profile", "offline_access"]
    private static let maximumAccessTokenLifetime = 10 * 365 * 86_400

    func register(on router: Router<BasicRequestContext>) {
        router.get("/oauth2/auth") { request, _ in await routes.authorize(request) }
        router.post("/oauth2/token") { request, _ in try await routes.token(request) }
        router.post("/oauth2/approve") { request, _ in try await approve(request) }
        router.get("/oauth2/userinfo") { request, _ in await userinfo(request) }
        router.post("/oauth2/userinfo") { request, _ in await userinfo(request) }
        router.get("/oauth2/jwks") { request, _ in await jwks(request) }
        router.post("/_test/id-token-fault") { request, _ in try await setIDTokenFault(request) }
        router.post("/_test/access-token-lifetime") { request, _ in try await setAccessTokenLifetime(request) }
    }

    /// What the discovery document adds for OpenID Connect clients.
    static func discoveryMembers(base: String, grantTypes: [JSONValue]) -> [JSONValue.Member] {
        [
            .init("userinfo_endpoint", .string(base + "/oauth2/userinfo")),
            .init("jwks_uri", .string(base + "/oauth2/jwks")),
            .init("scopes_supported", .array(supportedScopes.map(JSONValue.string))),
            .init("response_types_supported", .array([.string("code")])),
            .init("grant_types_supported", .array(grantTypes)),
            .init("subject_types_supported", .array([.string("public")])),
            .init("id_token_signing_alg_values_supported", .array([.string("RS256")])),
            .init("token_endpoint_auth_methods_supported", .array([.string("client_secret_post")])),
            .init("code_challenge_methods_supported", .array([.string("S256")])),
        ]
    }

    // MARK: - Authorization

    /// The authorization request of a web client (already logged). A redirect URI that is not registered gets a 400
    /// page, never a redirect; other errors go back to the client.
    func authorize(_ request: Request, client: LocalWebClient) async -> Response {
        let query = routes.parseForm(request.uri.query ?? "")
        let redirectURI = query["redirect_uri"] ?? ""
        guard client.redirectURIs.contains(redirectURI) else {
            return html(400, "Invalid authorization request: redirect_uri is not registered for this client.")
        }
        let clientState = query["state"]
        let stateParameters: [(String, String)] = clientState.map { [("state", $0)] } ?? []
        func answer(_ parameters: [(String, String)]) -> Response {
            Self.redirect(to: redirectURI, parameters + stateParameters)
        }
        let scopes = Self.grantedScopes(query["scope"] ?? "")
        guard query["response_type"] == "code" else {
            return answer([("error", "unsupported_response_type"), ("error_description", "response_type must be code")])
        }
        guard scopes.contains("openid") else {
            return answer([("error", "invalid_scope"), ("error_description", "scope must contain openid")])
        }
        guard let challenge = query["code_challenge"], !challenge.isEmpty, query["code_challenge_method"] == "S256"
        else {
            return answer([
                ("error", "invalid_request"), ("error_description", "PKCE with code_challenge_method S256 is required"),
            ])
        }
        let code = LocalServerState.AuthorizationCode(
            clientID: client.id, redirectURI: redirectURI, challenge: challenge, method: "S256",
            nonce: query["nonce"].flatMap { $0.isEmpty ? nil : $0 }, scope: scopes.joined(separator: " "))
        if await state.options.autoApprove {
            let value = await state.newAuthorizationCode(code)
            return answer([("code", value)])
        }
        let id = await state.newApprovalRequest(.init(code: code, clientState: clientState))
        return htmlPage(
            200,
            """
            <h1 id="consent">Sign in to \(Self.escaped(client.id))</h1>
            <p id="scope">Access requested: \(Self.escaped(scopes.joined(separator: " ")))</p>
            <form method="post" action="/oauth2/approve">
            <input type="hidden" name="request" value="\(id)">
            <button id="approve" name="decision" value="approve">Approve</button>
            <button id="deny" name="decision" value="deny">Deny</button>
            </form>
            """)
    }

    /// The approval page's answer: a code for the client, or `access_denied` (anything but `approve` denies).
    func approve(_ request: Request) async throws -> Response {
        let form = try await routes.formBody(request)
        guard let pending = await state.takeApprovalRequest(form["request"] ?? "") else {
            return html(400, "Unknown or already answered authorization request.")
        }
        let stateItems: [(String, String)] = pending.clientState.map { [("state", $0)] } ?? []
        guard form["decision"] == "approve" else {
            return Self.redirect(to: pending.code.redirectURI, [("error", "access_denied")] + stateItems)
        }
        let code = await state.newAuthorizationCode(pending.code)
        return Self.redirect(to: pending.code.redirectURI, [("code", code)] + stateItems)
    }

    // MARK: - Tokens

    /// The token endpoint for a web client: `client_secret` in the form, then the authorization code or refresh
    /// token grant.
    func token(_ form: [String: String], client: LocalWebClient) async -> Response {
        guard client.accepts(secret: form["client_secret"] ?? "") else {
            return routes.oauthError(401, "invalid_client", "Client authentication failed")
        }
        let result: LocalServerState.WebTokenResult
        switch form["grant_type"] {
        case "authorization_code":
            result = await state.redeemWeb(
                code: form["code"] ?? "", clientID: client.id, redirectURI: form["redirect_uri"] ?? "",
                verifier: form["code_verifier"] ?? "")
        case "refresh_token":
            result = await state.refreshWeb(refreshToken: form["refresh_token"] ?? "", clientID: client.id)
        default:
            return routes.oauthError(
                400, "unsupported_grant_type", "grant_type \(form["grant_type"] ?? "") is not supported")
        }
        switch result {
        case .error(let code, let description):
            return routes.oauthError(400, code, description)
        case .granted(let grant):
            let fault = await state.options.idTokenFault
            let idToken: String
            do {
                idToken = try routes.signer.idToken(
                    issuer: routes.baseURL.value, audience: client.id, nonce: grant.nonce, user: userClaims(),
                    fault: fault)
            } catch {
                return routes.oauthError(500, "server_error", "The ID token could not be signed")
            }
            var document: [JSONValue.Member] = [
                .init("access_token", .string(grant.accessToken)), .init("token_type", .string("Bearer")),
                .init("expires_in", .integer(grant.lifetime)), .init("scope", .string(grant.scope)),
            ]
            if let refreshToken = grant.refreshToken { document.append(.init("refresh_token", .string(refreshToken))) }
            document.append(.init("id_token", .string(idToken)))
            var response = json(200, .object(document))
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    // MARK: - Userinfo and keys

    func userinfo(_ request: Request) async -> Response {
        await routes.log(request, body: nil)
        guard let token = routes.bearer(request), await state.isWebAccessToken(token) else {
            var response = routes.oauthError(401, "invalid_token", "The access token is missing, unknown or expired")
            response.headers[.wwwAuthenticate] = #"Bearer error="invalid_token""#
            return response
        }
        return json(200, .object(userClaims()))
    }

    func jwks(_ request: Request) async -> Response {
        await routes.log(request, body: nil)
        return json(200, routes.signer.jwks)
    }

    /// The user's claims, in the ID token and from userinfo.
    private func userClaims() -> [JSONValue.Member] {
        [
            .init("sub", .string("u-1")), .init("email", .string("me@example.com")),
            .init("email_verified", .bool(true)),
            .init("name", .string("Ana Conda")), .init("given_name", .string("Ana")),
            .init("family_name", .string("Conda")),
            .init("preferred_username", .string("me")),
            .init("organizations", .array(routes.repository.organizations.map { .string($0.name) })),
        ]
    }

    // MARK: - Test knobs

    /// Body: a fault name (``IDTokenFault``), or nothing to sign good ID tokens again.
    func setIDTokenFault(_ request: Request) async throws -> Response {
        let name = try await routes.bodyText(request).trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            await state.setIDTokenFault(nil)
            return json(200, .object([.init("id_token_fault", .null)]))
        }
        guard let fault = IDTokenFault(rawValue: name) else {
            let names = IDTokenFault.allCases.map(\.rawValue).joined(separator: ", ")
            return routes.oauthError(400, "invalid_request", "Unknown fault; one of: \(names), or an empty body")
        }
        await state.setIDTokenFault(fault)
        return json(200, .object([.init("id_token_fault", .string(fault.rawValue))]))
    }

    /// Body: the lifetime of access tokens issued from now on (seconds).
    func setAccessTokenLifetime(_ request: Request) async throws -> Response {
        let text = try await routes.bodyText(request).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let seconds = Int(text), (0...Self.maximumAccessTokenLifetime).contains(seconds) else {
            return routes.oauthError(400, "invalid_request", "The body must be a number of seconds (0 to 10 years)")
        }
        await state.setAccessTokenLifetime(seconds)
        return json(200, .object([.init("access_token_lifetime", .integer(seconds))]))
    }

    // MARK: - Helpers

    /// The requested scopes the server knows, each once, in the request's order.
    static func grantedScopes(_ requested: String) -> [String] {
        var granted: [String] = []
        for scope in requested.split(separator: " ").map(String.init) where supportedScopes.contains(scope) {
            if !granted.contains(scope) { granted.append(scope) }
        }
        return granted
    }

    /// A 302 to `redirectURI` with `parameters` added to its query (percent-encoded: only unreserved characters stay).
    static func redirect(to redirectURI: String, _ parameters: [(String, String)]) -> Response {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
        let query = parameters.map { encoded($0.0) + "=" + encoded($0.1) }.joined(separator: "&")
        let location = redirectURI + (redirectURI.contains("?") ? "&" : "?") + query
        return Response(status: .found, headers: [.location: location])
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
