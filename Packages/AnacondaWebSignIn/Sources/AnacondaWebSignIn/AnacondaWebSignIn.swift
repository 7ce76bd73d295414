import AnacondaAuth
import AnacondaCore
import Crypto
import FoundationEssentials

/// "Sign in with Anaconda" for a web app, independent of the web framework: the login redirect, the callback, the
/// session of each request (refreshed when its access token expires) and the logout, as values and `Set-Cookie`
/// headers the framework integration turns into responses.
///
/// ```swift
/// let signIn = try AnacondaWebSignIn.configured()   // ANACONDA_WEB_* and the CLI's site configuration
/// ```
public final class AnacondaWebSignIn: Sendable {
    public let settings: WebSignInSettings
    /// The site, resolved as the `anaconda` CLI resolves it.
    public let site: AnacondaAuthSite
    /// The HTTP client for the provider and for Anaconda APIs (``get(_:for:)``).
    public let client: AnacondaClient
    let provider: OIDCProvider
    let sessionCookies: SessionCookies
    let flowSealer: CookieSealer
    private let csrfKeys: [SymmetricKey]
    private let refreshes: RefreshCoordinator
    private let openedSessions = OpenedSessions()
    let now: @Sendable () -> Date

    /// The sign-in cookie's name (`__Host-` on HTTPS: no subdomain can plant one).
    let flowCookie: String

    public init(
        settings: WebSignInSettings, site: AnacondaAuthSite,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "anaconda.web-sign-in"), now: @escaping @Sendable () -> Date = Date.init
    ) throws(WebSignInError) {
        try settings.validate()
        if case .disabled = site.sslVerify, !settings.allowsUnverifiedTLS {
            throw WebSignInError(
                .configuration,
                "ssl_verify = false would let anyone between this server and the provider forge sign-ins; "
                    + "set ANACONDA_WEB_ALLOW_UNVERIFIED_TLS=true to accept that")
        }
        self.settings = settings
        self.site = site
        self.now = now
        do {
            client = try AnacondaClient(
                site: site, identity: .anacondaAuth, tokenStore: nil, environment: environment, logger: logger,
                timeouts: HTTPTimeouts(connect: .seconds(5), read: .seconds(15)),
                retryPolicy: RetryPolicy(maximumRetries: 1, maximumWait: .seconds(1)), now: now,
                warn: { logger.warning("\($0)") })
        } catch {
            throw WebSignInError(.configuration, "the HTTP client could not be set up: \(OIDCProvider.summary(error))")
        }
        provider = OIDCProvider(client: client, settings: settings, now: now)
        sessionCookies = SessionCookies(
            sealer: CookieSealer(secrets: settings.cookieSecrets, purpose: "session v1"),
            secure: settings.usesSecureCookies)
        flowSealer = CookieSealer(secrets: settings.cookieSecrets, purpose: "sign-in v1")
        flowCookie = (settings.usesSecureCookies ? "__Host-" : "") + "anaconda_signin"
        csrfKeys = settings.cookieSecrets.map { CookieSealer.key(from: $0, purpose: "csrf v1") }
        refreshes = RefreshCoordinator(now: now)
    }

    /// The web knobs from the environment (then `customize`), on the site the `anaconda` CLI would use:
    /// `~/.anaconda/config.toml`, `ANACONDA_AUTH_*`, `.env`, the sites.
    public static func configured(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String? = nil, workingDirectory: String = FileManager.default.currentDirectoryPath,
        logger: Logger = Logger(label: "anaconda.web-sign-in"),
        customize: (inout WebSignInSettings) -> Void = { _ in }
    ) throws(WebSignInError) -> AnacondaWebSignIn {
        var settings = try WebSignInSettings(environment: environment)
        customize(&settings)
        let site: AnacondaAuthSite
        do {
            let sources = ConfigurationSources(
                environment: environment, homeDirectory: homeDirectory ?? environment["HOME"] ?? "/",
                workingDirectory: workingDirectory)
            let resolved = try AuthConfiguration.load(sources).site(settings.site)
            for warning in resolved.warnings { logger.warning("\(warning)") }
            site = resolved.settings
        } catch {
            throw WebSignInError(.configuration, "the site configuration: \(OIDCProvider.summary(error))")
        }
        return try AnacondaWebSignIn(settings: settings, site: site, environment: environment, logger: logger)
    }

    /// Stops the HTTP client; call once when the app stops.
    public func shutdown() async {
        try? await client.shutdown()
    }

    // MARK: - Signing in

    /// Where to send the browser to sign in, and the cookie that remembers this sign-in (`state`, `nonce`, PKCE).
    public func startLogin(next: String?) async throws(WebSignInError) -> (location: String, cookies: [SetCookie]) {
        let metadata = try await provider.metadata()
        let flow = LoginFlow.start(next: returnPath(next), now: now())
        let query: [(String, String)] = [
            ("response_type", "code"), ("client_id", settings.clientID), ("redirect_uri", settings.redirectURL),
            ("scope", settings.scopes.joined(separator: " ")), ("state", flow.state), ("nonce", flow.nonce),
            ("code_challenge", PKCE(verifier: flow.verifier).challenge), ("code_challenge_method", "S256"),
        ]
        let separator = metadata.authorizationEndpoint.contains("?") ? "&" : "?"
        let location =
            metadata.authorizationEndpoint + separator
            + query.map { "\($0.0)=\(FormEncoding.escape($0.1))" }.joined(separator: "&")
        let sealed: String
        do {
            sealed = try flowSealer.seal(Array(try JSONEncoder().encode(flow)), name: flowCookie)
        } catch {
            throw WebSignInError(.configuration, "the sign-in cookie could not be sealed")
        }
        let cookie = SetCookie(
            name: flowCookie, value: sealed, maxAge: LoginFlow.lifetime, secure: settings.usesSecureCookies)
        return (location, [cookie])
    }

    /// The callback: checks the `state` against this browser's sign-in, exchanges the code, verifies the ID token
    /// (signature, issuer, audience, expiry, nonce), reads userinfo and applies the authorization rule. Returns the
    /// new session, where to go and the cookies to set. On an error, send ``failureCookies`` with the error page.
    public func completeLogin(query: [String: String], cookies: RequestCookies)
        async throws(WebSignInError) -> (session: WebSession, location: String, cookies: [SetCookie])
    {
        guard let sealed = cookies[flowCookie], let plaintext = flowSealer.open(sealed, name: flowCookie),
            let flow = try? JSONDecoder().decode(LoginFlow.self, from: Data(plaintext)), !flow.isExpired(now: now())
        else {
            throw WebSignInError(
                .missingFlow, "this sign-in has expired or was started in another browser; please sign in again")
        }
        guard let state = query["state"], ConstantTime.equal(state, flow.state) else {
            throw WebSignInError(.stateMismatch, "the provider's answer does not belong to this sign-in (state)")
        }
        if let error = query["error"] {
            throw WebSignInError(
                .providerRefused, "the provider did not sign you in (\(OIDCProvider.oauthCode(error)))")
        }
        guard let code = query["code"], !code.isEmpty else {
            throw WebSignInError(.providerRefused, "the provider's answer has no code")
        }
        let tokens = try await provider.exchange(code: code, verifier: flow.verifier)
        guard let idToken = tokens.idToken else {
            throw WebSignInError(.invalidIDToken, "the provider sent no ID token (is the openid scope granted?)")
        }
        let claims = try await provider.verify(idToken: idToken, nonce: flow.nonce)
        let user = try await user(claims: claims, accessToken: tokens.accessToken)
        guard await settings.authorization.allows(user) else {
            throw WebSignInError(.notAllowed, "\(user.email) may not use this app")
        }
        let time = Int(now().timeIntervalSince1970)
        let expiry = time + Int(settings.sessionLifetime.components.seconds)
        let session = WebSession(
            id: RandomToken.make(bytes: 16), user: user, accessToken: tokens.accessToken,
            refreshToken: settings.refreshTokens ? tokens.refreshToken : nil,
            accessTokenExpiry: min(expiry, time + (tokens.expiresIn ?? 3600)), expiry: expiry)
        return (session, flow.next, try sealCookies(session, existing: cookies) + failureCookies())
    }

    /// Deletes the sign-in's own cookie (after the callback, whatever its outcome).
    public func failureCookies() -> [SetCookie] {
        [.deletion(flowCookie, secure: settings.usesSecureCookies)]
    }

    // MARK: - Each request

    /// The request's session: `nil` when there is none, it does not open (tampered, another secret), it has ended,
    /// or its access token expired and cannot be refreshed. `cookies` are to be set on the response (a refreshed
    /// session, or deletions).
    public func session(for cookies: RequestCookies) async -> (session: WebSession?, cookies: [SetCookie]) {
        guard let sealed = sessionCookies.joined(cookies) else { return (nil, []) }
        let time = now()
        guard let session = sessionCookies.session(sealed: sealed, cache: openedSessions), !session.isExpired(now: time)
        else {
            return (nil, sessionCookies.deletions(existing: cookies))
        }
        guard session.accessTokenIsStale(now: time) else { return (session, []) }
        guard settings.refreshTokens, session.refreshToken != nil else {
            return (nil, sessionCookies.deletions(existing: cookies))
        }
        switch await refreshes.refreshed(session, using: { [self] in await refreshed($0) }) {
        case .refreshed(let fresh):
            guard let headers = try? sealCookies(fresh, existing: cookies) else { return (session, []) }
            return (fresh, headers)
        case .rejected:
            return (nil, sessionCookies.deletions(existing: cookies))
        case .unavailable:
            // The provider is down for a moment: the user stays signed in (their token may be refused until it
            // answers again) rather than everyone whose token expires meanwhile being signed out.
            return (session, [])
        }
    }

    /// The session with a refreshed access token; `.rejected` when the provider refuses the refresh token or the
    /// user (no longer allowed, another subject), `.unavailable` when it cannot be reached or answers nonsense.
    private func refreshed(_ session: WebSession) async -> RefreshOutcome {
        guard let refreshToken = session.refreshToken else { return .rejected }
        let tokens: TokenResponse
        do {
            tokens = try await provider.refresh(refreshToken)
        } catch {
            return error.code == .codeRejected || error.code == .configuration ? .rejected : .unavailable
        }
        var fresh = session
        do {
            if let idToken = tokens.idToken {
                let claims = try await provider.verify(idToken: idToken, nonce: nil)
                guard claims.subject == session.user.subject else { return .rejected }
                // The user as the provider describes them now, checked against the authorization rule again.
                fresh.user = try await user(claims: claims, accessToken: tokens.accessToken)
            } else if let info = try await provider.userinfo(accessToken: tokens.accessToken) {
                guard info["sub"]?.stringValue == session.user.subject else { return .rejected }
            }
        } catch {
            return error.code == .providerUnavailable ? .unavailable : .rejected
        }
        guard await settings.authorization.allows(fresh.user) else { return .rejected }
        fresh.accessToken = tokens.accessToken
        fresh.refreshToken = tokens.refreshToken ?? refreshToken
        fresh.accessTokenExpiry = min(session.expiry, Int(now().timeIntervalSince1970) + (tokens.expiresIn ?? 3600))
        return .refreshed(fresh)
    }

    // MARK: - Signing out

    /// The CSRF token of `session`, for forms that change state (the logout form).
    public func csrfToken(for session: WebSession) -> String {
        csrfToken(session.id, key: csrfKeys[0])
    }

    /// Whether `token` is `session`'s CSRF token (under any cookie secret).
    public func isValidCSRFToken(_ token: String?, for session: WebSession) -> Bool {
        guard let token else { return false }
        return csrfKeys.contains { ConstantTime.equal(csrfToken(session.id, key: $0), token) }
    }

    /// Signs out: revokes the session's refresh token at the provider (when it offers revocation) and returns the
    /// headers that delete the session cookies. A copy of the cookie kept elsewhere stays readable until the access
    /// token expires, but can no longer be refreshed.
    public func signOut(_ session: WebSession?, existing cookies: RequestCookies) -> [SetCookie] {
        if let refreshToken = session?.refreshToken {
            // In the background: the browser's sign-out does not wait for the provider.
            Task { [provider] in await provider.revoke(refreshToken: refreshToken) }
        }
        return sessionCookies.deletions(existing: cookies)
    }

    // MARK: - Anaconda APIs

    /// GETs `path` (`/api/...`, on the site's domain) with the user's access token. Only paths: the token never
    /// goes to another host.
    public func get(_ path: String, for session: WebSession) async throws -> AnacondaResponse {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else {
            throw WebSignInError(.configuration, "get(_:for:) takes a path on the site (/api/...), not \(path)")
        }
        return try await client.send(
            "GET", path, headers: [("Authorization", "Bearer \(session.accessToken)")], authenticated: false)
    }

    // MARK: -

    /// A same-origin path that is not one of the sign-in routes.
    public func returnPath(_ next: String?) -> String {
        ReturnPath.sanitize(next, excluding: [settings.loginPath, settings.logoutPath, settings.callbackPath])
    }

    private func sealCookies(_ session: WebSession, existing: RequestCookies) throws(WebSignInError) -> [SetCookie] {
        let remaining = max(0, session.expiry - Int(now().timeIntervalSince1970))
        do {
            return try sessionCookies.cookies(for: session, existing: existing, maxAge: remaining)
        } catch let error as WebSignInError {
            throw error
        } catch {
            throw WebSignInError(.configuration, "the session could not be sealed")
        }
    }

    private func csrfToken(_ id: String, key: SymmetricKey) -> String {
        Base64URL.encode(Array(HMAC<SHA256>.authenticationCode(for: Array(id.utf8), using: key)))
    }

    private func user(claims: IDTokenClaims, accessToken: String) async throws(WebSignInError) -> AnacondaUser {
        var email = claims.email
        var verified = claims.emailVerified
        var name = claims.name
        var username = claims.username
        var organizations = claims.organizations
        if let info = try await provider.userinfo(accessToken: accessToken) {
            guard info["sub"]?.stringValue == claims.subject else {
                throw WebSignInError(.invalidIDToken, "userinfo describes another user than the ID token (sub)")
            }
            // The email and whether it is verified come from the same place.
            if let infoEmail = info["email"]?.stringValue {
                if case .bool(let value)? = info["email_verified"] {
                    verified = value
                } else if infoEmail != email {
                    verified = false
                }
                email = infoEmail
            }
            name = info["name"]?.stringValue ?? name
            username = info["preferred_username"]?.stringValue ?? username
            if case .array(let values)? = info["organizations"] { organizations = values.compactMap(\.stringValue) }
        }
        guard let email, !email.isEmpty else {
            throw WebSignInError(
                .notAllowed, "the provider did not share the user's email (is the email scope granted?)")
        }
        return AnacondaUser(
            subject: claims.subject, email: email, emailVerified: verified ?? false, name: name, username: username,
            organizations: organizations ?? [])
    }
}
