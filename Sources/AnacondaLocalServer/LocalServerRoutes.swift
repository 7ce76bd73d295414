import AnacondaPluginAPI
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The endpoints of ``LocalServer``.
struct LocalServerRoutes: Sendable {
    let state: LocalServerState
    let baseURL: BaseURL
    let repository: LocalRepository
    let webClients: LocalWebClients
    let signer: LocalIDTokenSigner

    private var repositoryRoutes: LocalRepositoryRoutes { LocalRepositoryRoutes(routes: self, repository: repository) }
    private var oidcRoutes: LocalOIDCRoutes { LocalOIDCRoutes(routes: self) }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/.well-known/openid-configuration") { request, _ in await discovery(request) }
        router.post("/api/auth/oauth2/device/authorize") { request, _ in try await deviceAuthorization(request) }
        router.get("/device") { request, _ in await approvePage(request) }
        router.post("/api/auth/oauth2/token") { request, _ in try await token(request) }
        router.get("/api/auth/oauth2/authorize") { request, _ in await authorize(request) }
        router.post("/api/auth/oauth2/revoke") { request, _ in try await revoke(request) }
        router.post("/api/auth/api-keys") { request, _ in try await mint(request, first: true) }
        router.post("/api/iam/api-keys") { request, _ in try await mint(request, first: false) }
        router.get("/api/account") { request, _ in await account(request) }
        router.post("/api/something") { request, _ in
            var response = try await something(request)
            if let minimum = await state.options.minimumAPIVersion {
                response.headers[HTTPField.Name("Min-Api-Version")!] = minimum
            }
            return response
        }
        router.get("/app/local-login-success") { _, _ in html(200, "Success! You are now logged in.") }
        router.get("/app/local-login-error") { _, _ in html(200, "Login failed.") }
        router.get("/_test/requests") { _, _ in json(200, .array(await state.requests)) }
        repositoryRoutes.register(on: router)
        oidcRoutes.register(on: router)
    }

    // MARK: - OIDC

    func discovery(_ request: Request) async -> Response {
        await log(request, body: nil)
        let base = baseURL.value
        var document: [JSONValue.Member] = [
            .init("issuer", .string(base)),
            .init("authorization_endpoint", .string(base + "/api/auth/oauth2/authorize")),
            .init("token_endpoint", .string(base + "/api/auth/oauth2/token")),
            .init("revocation_endpoint", .string(base + "/api/auth/oauth2/revoke")),
        ]
        var grantTypes: [JSONValue] = [.string("authorization_code"), .string("refresh_token")]
        if await !state.options.noDeviceEndpoint {
            document.append(.init("device_authorization_endpoint", .string(base + "/api/auth/oauth2/device/authorize")))
            grantTypes.append(.string("urn:ietf:params:oauth:grant-type:device_code"))
        }
        document += LocalOIDCRoutes.discoveryMembers(base: base, grantTypes: grantTypes)
        return json(200, .object(document))
    }

    func deviceAuthorization(_ request: Request) async throws -> Response {
        let form = try await formBody(request)
        guard let clientID = form["client_id"] else {
            return oauthError(400, "invalid_request", "client_id is required")
        }
        let (deviceCode, userCode) = await state.newDeviceCode(clientID: clientID)
        let options = await state.options
        let uri = baseURL.value + "/device"
        let document = JSONValue.object([
            .init("device_code", .string(deviceCode)), .init("user_code", .string(userCode)),
            .init("verification_uri", .string(uri)),
            .init("verification_uri_complete", .string(uri + "?user_code=" + userCode)),
            .init("expires_in", .string("@expires_in@")), .init("interval", .string("@interval@")),
        ])
        // The announced numbers are raw text so a test can send what no encoder would (`NaN`, `1e300`).
        let text = JSONWriter.python.string(document)
            .replacing("\"@expires_in@\"", with: options.announcedExpiresIn ?? String(options.expiresIn))
            .replacing("\"@interval@\"", with: options.announcedInterval ?? String(options.interval))
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func approvePage(_ request: Request) async -> Response {
        await log(request, body: nil)
        guard let userCode = request.uri.queryParameters["user_code"].map(String.init),
            await state.approve(userCode: userCode)
        else { return html(404, "Unknown code.") }
        return html(200, "Device approved. You can close this window.")
    }

    func token(_ request: Request) async throws -> Response {
        let form = try await formBody(request)
        let clientID = form["client_id"] ?? ""
        if let client = webClients.client(clientID) { return await oidcRoutes.token(form, client: client) }
        let result: LocalServerState.PollResult
        switch form["grant_type"] {
        case "urn:ietf:params:oauth:grant-type:device_code":
            result = await state.poll(deviceCode: form["device_code"] ?? "", clientID: clientID)
        case "authorization_code":
            result = await state.redeem(
                code: form["code"] ?? "", clientID: clientID, redirectURI: form["redirect_uri"] ?? "",
                verifier: form["code_verifier"] ?? "")
        default:
            return oauthError(400, "unsupported_grant_type", "grant_type \(form["grant_type"] ?? "") is not supported")
        }
        switch result {
        case .token(let token):
            return json(
                200,
                .object([
                    .init("access_token", .string(token)), .init("token_type", .string("Bearer")),
                    .init("expires_in", .integer(3600)), .init("scope", .string("openid")),
                ]))
        case .error(let code, let description):
            return oauthError(400, code, description)
        }
    }

    func authorize(_ request: Request) async -> Response {
        await log(request, body: nil)
        if let client = webClients.client(parseForm(request.uri.query ?? "")["client_id"] ?? "") {
            return await oidcRoutes.authorize(request, client: client)
        }
        let query = request.uri.queryParameters
        func value(_ name: String) -> String { query[Substring(name)].map(String.init) ?? "" }
        guard value("response_type") == "code", !value("client_id").isEmpty,
            let redirect = URLComponents(string: value("redirect_uri")), redirect.scheme == "http",
            ["127.0.0.1", "localhost"].contains(redirect.host ?? ""), !value("code_challenge").isEmpty
        else { return html(400, "Invalid authorization request.") }
        let code = await state.newAuthorizationCode(
            .init(
                clientID: value("client_id"), redirectURI: value("redirect_uri"), challenge: value("code_challenge"),
                method: value("code_challenge_method")))
        var target = redirect
        target.queryItems =
            (redirect.queryItems ?? []) + [
                .init(name: "code", value: code), .init(name: "state", value: value("state")),
            ]
        let location = target.string ?? value("redirect_uri")
        if await state.options.autoApprove {
            return Response(status: .found, headers: [.location: location])
        }
        return html(200, "<a id=\"approve\" href=\"\(location)\">Approve access</a>")
    }

    func revoke(_ request: Request) async throws -> Response {
        let form = try await formBody(request)
        if let token = form["token"] { await state.revoke(token) }
        return json(200, .object([]))
    }

    // MARK: - API

    func mint(_ request: Request, first: Bool) async throws -> Response {
        let body = try await bodyText(request)
        await log(request, body: body)
        guard let token = bearer(request) else { return authRequired() }
        let isAccessToken = await state.isAccessToken(token)
        let isKey = await state.check(key: token) == .valid
        guard isAccessToken || isKey else { return authRequired() }
        let status = first ? await state.options.firstMintStatus : await state.options.secondMintStatus
        if status != 201 {
            return json(status, .object([.init("error", .object([.init("code", .string("not_found"))]))]))
        }
        // `expires_at` (ISO 8601) in the request sets the key's lifetime (api_key_expiration_days).
        let requested = (try? JSONValue.parse(body))?["expires_at"]?.stringValue
            .flatMap { try? Date($0, strategy: .iso8601) }
        let key = await state.mintKey(lifetime: requested.map { Int($0.timeIntervalSinceNow.rounded()) })
        return json(
            201,
            .object([
                .init("id", .string(String(LocalServerState.randomToken().prefix(12)))), .init("api_key", .string(key)),
            ]))
    }

    func account(_ request: Request) async -> Response {
        await log(request, body: nil)
        if let status = await state.nextAccountStatus() {
            var response = json(status, .object([.init("error", .object([.init("code", .string("unavailable"))]))]))
            if status == 429 || status == 503 {
                response.headers[.retryAfter] = await state.options.retryAfter
            }
            return response
        }
        switch await state.check(key: bearer(request)) {
        case .missing, .invalid:
            return authRequired()
        case .valid:
            return json(
                200,
                .object([
                    .init(
                        "user",
                        .object([
                            .init("id", .string("u-1")), .init("email", .string("me@example.com")),
                            .init("username", .string("me")), .init("first_name", .string("Ana")),
                            .init("last_name", .string("Conda")),
                        ])),
                    .init(
                        "profile",
                        .object([
                            .init("is_confirmed", .bool(true)), .init("is_disabled", .bool(false)),
                            .init("is_consented", .bool(true)),
                        ])),
                    .init("subscriptions", await repositoryRoutes.subscriptions()),
                ]))
        }
    }

    /// The seed's example endpoint: always 422 Unprocessable Entity.
    func something(_ request: Request) async throws -> Response {
        let body = try await bodyText(request)
        await log(request, body: body)
        return json(
            422,
            .object([
                .init(
                    "error",
                    .object([
                        .init("code", .string("unprocessable")),
                        .init("message", .string("The input could not be processed")),
                    ]))
            ]))
    }

    // MARK: - Helpers

    func authRequired() -> Response {
        json(
            401,
            .object([
                .init(
                    "error",
                    .object([
                        .init("code", .string("auth_required")), .init("message", .string("Authentication required")),
                    ]))
            ]))
    }

    func oauthError(_ status: Int, _ code: String, _ description: String) -> Response {
        json(status, .object([.init("error", .string(code)), .init("error_description", .string(description))]))
    }

    func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
        return String(value.dropFirst("Bearer ".count))
    }

    func bodyText(_ request: Request) async throws -> String {
        String(buffer: try await request.body.collect(upTo: 1 << 20))
    }

    func formBody(_ request: Request) async throws -> [String: String] {
        let text = try await bodyText(request)
        await log(request, body: text)
        return parseForm(text)
    }

    /// `application/x-www-form-urlencoded` text (a form body or a query): `+` is a space, `%XX` a byte.
    func parseForm(_ text: String) -> [String: String] {
        var form: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            form[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return form
    }

    func log(_ request: Request, body: String?) async {
        let headers = request.headers.map { JSONValue.Member($0.name.rawName, .string($0.value)) }
        await state.record(
            .object([
                .init("method", .string(request.method.rawValue)), .init("path", .string(request.uri.path)),
                .init("query", .string(request.uri.query ?? "")), .init("headers", .object(headers)),
                .init("body", body.map(JSONValue.string) ?? .null),
            ]))
    }
}

func json(_ status: Int, _ value: JSONValue) -> Response {
    Response(
        status: .init(code: status, reasonPhrase: HTTPReasonPhrase.standard(for: status)),
        headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: JSONWriter.python.string(value))))
}

func html(_ status: Int, _ text: String) -> Response {
    htmlPage(status, "<p>\(text)</p>")
}

/// An HTML page with `body` (markup) as its body.
func htmlPage(_ status: Int, _ body: String) -> Response {
    Response(
        status: .init(code: status, reasonPhrase: HTTPReasonPhrase.standard(for: status)),
        headers: [.contentType: "text/html; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: "<!doctype html><html><body>\(body)</body></html>\n")))
}
