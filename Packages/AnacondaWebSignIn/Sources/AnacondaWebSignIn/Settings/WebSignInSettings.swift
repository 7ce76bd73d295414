import AnacondaCore
import FoundationEssentials

/// The web knobs: each is a Swift property and an environment variable (``WebSignInKnob/all``, which also accepts
/// the Panel provider's variable where there is one). The site itself (domain, `auth_domain_override`,
/// `ssl_verify`, extra headers) comes from the same configuration as the `anaconda` CLI.
public struct WebSignInSettings: Sendable {
    /// The OAuth client id registered for the app.
    public var clientID = ""
    /// The client secret, sent in the token request's body.
    public var clientSecret = ""
    /// Cookie secrets, newest first: the first seals, every one opens (rotation). At least 32 characters each.
    public var cookieSecrets: [String] = []
    /// Where the provider sends the browser back; its path is the callback route.
    public var redirectURL = "http://localhost:5006/auth/callback"
    /// Keep users signed in past the access token's lifetime with the refresh-token grant.
    public var refreshTokens = true
    /// Let anonymous users through (``SignInState/user`` is `nil`) instead of sending them to the login.
    public var isOptional = false
    /// How long a session lasts at most, whatever the tokens say.
    public var sessionLifetime: Duration = .seconds(8 * 3600)
    /// The route that starts a sign-in (`?next=/path` returns there).
    public var loginPath = "/login"
    /// The route that signs out (POST with the CSRF token; GET shows a confirmation form).
    public var logoutPath = "/logout"
    /// The scopes asked for.
    public var scopes = ["openid", "email", "profile", "offline_access"]
    /// Who may sign in.
    public var authorization = AuthorizationRule()
    /// The error page: an HTML document for a failure (its message is safe to show).
    public var errorPage: @Sendable (WebSignInError) -> String = DefaultPages.error
    /// The page shown after signing out.
    public var loggedOutPage: @Sendable () -> String = DefaultPages.loggedOut
    /// The configured site's name (`nil`: the default site, as the CLI chooses it).
    public var site: String?
    /// Accept a site with `ssl_verify = false` (anyone between the app and the provider could forge sign-ins).
    public var allowsUnverifiedTLS = false

    public init() {}

    /// The knobs from `environment` (unset variables keep the defaults); a value that cannot be used is an error
    /// naming the variable.
    public init(environment: [String: String]) throws(WebSignInError) {
        self.init()
        for knob in WebSignInKnob.all {
            guard let (name, value) = knob.value(in: environment) else { continue }
            try knob.apply(value, name, &self)
        }
    }

    /// The callback route: the redirect URL's path, as the browser will send it (percent-encoded).
    public var callbackPath: String {
        URLComponents(string: redirectURL).map(\.percentEncodedPath) ?? ""
    }

    /// Cookies carry `Secure` (and the `__Host-` prefix) when the app is served over HTTPS.
    public var usesSecureCookies: Bool { redirectURL.lowercased().hasPrefix("https://") }

    /// Checks what a sign-in cannot work without, and what would make it unsafe.
    public func validate() throws(WebSignInError) {
        func fail(_ message: String) -> WebSignInError { WebSignInError(.configuration, message) }
        if clientID.isEmpty { throw fail("no client id: set ANACONDA_WEB_CLIENT_ID") }
        if clientSecret.isEmpty { throw fail("no client secret: set ANACONDA_WEB_CLIENT_SECRET") }
        if cookieSecrets.isEmpty { throw fail("no cookie secret: set ANACONDA_WEB_COOKIE_SECRET") }
        if cookieSecrets.contains(where: { $0.utf8.count < 32 }) {
            throw fail("a cookie secret is shorter than 32 characters (ANACONDA_WEB_COOKIE_SECRET)")
        }
        guard let url = URLComponents(string: redirectURL), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty
        else { throw fail("the redirect URL \(redirectURL) is not an http(s) URL (ANACONDA_WEB_REDIRECT_URL)") }
        if scheme == "http", !["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()) {
            throw fail("the redirect URL \(redirectURL) must be https (plain http only for localhost)")
        }
        let routes = [("login", loginPath), ("logout", logoutPath), ("callback", callbackPath)]
        for (name, path) in routes where !path.hasPrefix("/") || path == "/" {
            throw fail("the \(name) path \(path.isEmpty ? "(empty)" : path) must be a path other than /")
        }
        if Set(routes.map(\.1)).count != routes.count {
            throw fail("the login, logout and callback paths must differ (\(routes.map(\.1).joined(separator: ", ")))")
        }
        if !(Duration.seconds(60)...Duration.seconds(90 * 86_400)).contains(sessionLifetime) {
            throw fail("the session lifetime must be from a minute to 90 days")
        }
        if !scopes.contains("openid") { throw fail("the scopes must include openid") }
    }
}

/// One environment variable of ``WebSignInSettings``: declared once, used to read the environment and listed in
/// the README (a test compares them).
public struct WebSignInKnob: Sendable {
    public var variable: String
    /// The Panel OAuth provider's variable for the same thing, read when ours is unset.
    public var panelVariable: String?
    public var summary: String
    let apply: @Sendable (String, String, inout WebSignInSettings) throws(WebSignInError) -> Void

    func value(in environment: [String: String]) -> (String, String)? {
        if let value = environment[variable], !value.isEmpty { return (variable, value) }
        if let panelVariable, let value = environment[panelVariable], !value.isEmpty { return (panelVariable, value) }
        return nil
    }

    public static let all: [WebSignInKnob] = [
        .init(variable: "ANACONDA_WEB_CLIENT_ID", panelVariable: "PANEL_OAUTH_KEY", summary: "OAuth client id") {
            value, _, settings in settings.clientID = value
        },
        .init(
            variable: "ANACONDA_WEB_CLIENT_SECRET", panelVariable: "PANEL_OAUTH_SECRET", summary: "OAuth client secret"
        ) {
            value, _, settings in settings.clientSecret = value
        },
        .init(
            variable: "ANACONDA_WEB_COOKIE_SECRET", panelVariable: "PANEL_COOKIE_SECRET",
            summary: "cookie secrets, comma-separated, newest first (rotation)"
        ) { value, _, settings in
            settings.cookieSecrets = value.split(separator: ",").map { String($0).trimmingWhitespace() }.filter {
                !$0.isEmpty
            }
        },
        .init(
            variable: "ANACONDA_WEB_REDIRECT_URL", panelVariable: "PANEL_OAUTH_REDIRECT_URI",
            summary: "the callback URL registered with the provider (default http://localhost:5006/auth/callback)"
        ) { value, _, settings in settings.redirectURL = value },
        .init(
            variable: "ANACONDA_WEB_REFRESH_TOKENS", panelVariable: "PANEL_OAUTH_REFRESH_TOKENS",
            summary: "refresh access tokens (default true)"
        ) { value, name, settings throws(WebSignInError) in settings.refreshTokens = try boolean(value, name) },
        .init(
            variable: "ANACONDA_WEB_OPTIONAL", panelVariable: "PANEL_OAUTH_OPTIONAL",
            summary: "let anonymous users in (default false)"
        ) { value, name, settings throws(WebSignInError) in settings.isOptional = try boolean(value, name) },
        .init(
            variable: "ANACONDA_WEB_SESSION_LIFETIME", panelVariable: nil,
            summary: "the longest a session lasts, in seconds (default 28800)"
        ) { value, name, settings throws(WebSignInError) in
            guard let seconds = Int(value), (60...(90 * 86_400)).contains(seconds) else {
                throw WebSignInError(.configuration, "\(name) must be a number of seconds from 60 to 7776000")
            }
            settings.sessionLifetime = .seconds(seconds)
        },
        .init(variable: "ANACONDA_WEB_LOGIN_PATH", panelVariable: nil, summary: "the login route (default /login)") {
            value, _, settings in settings.loginPath = value
        },
        .init(variable: "ANACONDA_WEB_LOGOUT_PATH", panelVariable: nil, summary: "the logout route (default /logout)") {
            value, _, settings in settings.logoutPath = value
        },
        .init(
            variable: "ANACONDA_WEB_ALLOWED_EMAILS", panelVariable: nil,
            summary: "only these (verified) emails may sign in, comma-separated"
        ) { value, _, settings in settings.authorization.emails = list(value) },
        .init(
            variable: "ANACONDA_WEB_ALLOWED_DOMAINS", panelVariable: nil,
            summary: "only (verified) emails of these domains may sign in, comma-separated"
        ) { value, _, settings in settings.authorization.emailDomains = list(value) },
        .init(
            variable: "ANACONDA_WEB_ALLOWED_ORGANIZATIONS", panelVariable: nil,
            summary: "only members of these organizations may sign in, comma-separated"
        ) { value, _, settings in settings.authorization.organizations = list(value) },
        .init(
            variable: "ANACONDA_WEB_ERROR_PAGE", panelVariable: nil,
            summary: "an HTML file for errors; `{{message}}` is replaced by the (escaped) reason"
        ) { value, name, settings throws(WebSignInError) in
            let template = try pageFile(value, name)
            settings.errorPage = { error in template.replacing("{{message}}", with: HTML.escape(error.message)) }
        },
        .init(
            variable: "ANACONDA_WEB_LOGGED_OUT_PAGE", panelVariable: nil,
            summary: "an HTML file shown after signing out"
        ) { value, name, settings throws(WebSignInError) in
            let page = try pageFile(value, name)
            settings.loggedOutPage = { page }
        },
        .init(
            variable: "ANACONDA_WEB_SITE", panelVariable: nil,
            summary: "the configured site to use (default: the default site)"
        ) {
            value, _, settings in settings.site = value
        },
        .init(
            variable: "ANACONDA_WEB_ALLOW_UNVERIFIED_TLS", panelVariable: nil,
            summary: "accept a site with `ssl_verify = false` (default false: refused)"
        ) { value, name, settings throws(WebSignInError) in settings.allowsUnverifiedTLS = try boolean(value, name) },
    ]

    private static func boolean(_ value: String, _ name: String) throws(WebSignInError) -> Bool {
        switch value.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw WebSignInError(.configuration, "\(name) must be true or false, not \(value)")
        }
    }

    private static func list(_ value: String) -> Set<String> {
        Set(value.split(separator: ",").map { String($0).trimmingWhitespace().lowercased() }.filter { !$0.isEmpty })
    }

    private static func pageFile(_ path: String, _ name: String) throws(WebSignInError) -> String {
        guard case .success(let bytes) = RegularFile.read(path, limit: 1 << 20) else {
            throw WebSignInError(.configuration, "\(name): \(path) is not a readable file")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Settings printed or dumped never show the client secret or the cookie secrets.
extension WebSignInSettings: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "clientID": clientID, "clientSecret": "<redacted>",
                "cookieSecrets": "<\(cookieSecrets.count) redacted>",
                "redirectURL": redirectURL, "refreshTokens": refreshTokens, "isOptional": isOptional,
                "sessionLifetime": sessionLifetime, "loginPath": loginPath, "logoutPath": logoutPath, "scopes": scopes,
                "site": site as Any, "allowsUnverifiedTLS": allowsUnverifiedTLS,
            ])
    }
}
