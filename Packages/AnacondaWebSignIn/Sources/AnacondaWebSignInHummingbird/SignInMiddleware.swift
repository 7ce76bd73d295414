import AnacondaWebSignIn
import HTTPTypes
import Hummingbird

/// Requires "Sign in with Anaconda" for the routes added after it (or lets anonymous visitors through in optional
/// mode), and serves the sign-in routes itself: ``WebSignInSettings/loginPath``, the callback (the redirect URL's
/// path) and ``WebSignInSettings/logoutPath``. A tampered, foreign or ended session cookie means "not signed in".
public struct SignInMiddleware<Context: SignInRequestContextProtocol>: RouterMiddleware {
    let signIn: AnacondaWebSignIn
    // The routes, worked out once (the callback path comes from parsing the redirect URL).
    private let loginPath: String
    private let callbackPath: String
    private let logoutPath: String
    private let isOptional: Bool

    public init(_ signIn: AnacondaWebSignIn) {
        self.signIn = signIn
        loginPath = signIn.settings.loginPath
        callbackPath = signIn.settings.callbackPath
        logoutPath = signIn.settings.logoutPath
        isOptional = signIn.settings.isOptional
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let cookies = RequestCookies(headers: request.headers[values: .cookie])
        switch request.uri.path {
        case loginPath where request.method == .get || request.method == .head:
            return await login(request)
        case callbackPath where request.method == .get:
            return await callback(request, cookies: cookies)
        case logoutPath:
            return await logout(request, context: context, cookies: cookies)
        default:
            break
        }
        let (session, setCookies) = await signIn.session(for: cookies)
        var context = context
        context.signIn.signIn = signIn
        if let session {
            context.signIn.session = session
        } else if !isOptional {
            return Self.withCookies(signInRedirect(request), setCookies)
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // A refreshed session must reach the browser with any answer (a 404, a failure too): its old refresh
            // token is no longer valid.
            guard !setCookies.isEmpty else { throw error }
            let answer = (error as? any HTTPResponseError) ?? HTTPError(.internalServerError)
            response = try answer.response(from: request, context: context)
        }
        return Self.withCookies(response, setCookies)
    }

    /// Sends a browser to the login (returning to this page); other clients get 401.
    private func signInRedirect(_ request: Request) -> Response {
        let acceptsHTML = request.headers[.accept].map { $0.contains("text/html") || $0.contains("*/*") } ?? true
        guard request.method == .get || request.method == .head, acceptsHTML else {
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"])
        }
        let next = FormFields.escape(request.uri.description)
        return Response(status: .found, headers: [.location: "\(loginPath)?next=\(next)", .cacheControl: "no-store"])
    }

    private func login(_ request: Request) async -> Response {
        do {
            let next = request.uri.queryParameters["next"].map(String.init)
            let (location, cookies) = try await signIn.startLogin(next: next)
            return Self.withCookies(
                Response(status: .found, headers: [.location: location, .cacheControl: "no-store"]), cookies)
        } catch {
            return errorPage(error, cookies: [])
        }
    }

    private func callback(_ request: Request, cookies: RequestCookies) async -> Response {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where query[String(name)] == nil {
            query[String(name)] = String(value)
        }
        do {
            let (_, location, setCookies) = try await signIn.completeLogin(query: query, cookies: cookies)
            return Self.withCookies(
                Response(status: .found, headers: [.location: location, .cacheControl: "no-store"]), setCookies)
        } catch {
            return errorPage(error, cookies: signIn.failureCookies())
        }
    }

    /// GET: a confirmation form. POST: signs out when the form's CSRF token is the session's (a cross-site page
    /// cannot sign users out); without a session there is nothing to protect and the cookies are cleared anyway.
    private func logout(_ request: Request, context: Context, cookies: RequestCookies) async -> Response {
        let (session, refreshed) = await signIn.session(for: cookies)
        let loggedOut = Self.html(.ok, signIn.settings.loggedOutPage())
        guard let session else { return Self.withCookies(loggedOut, signIn.signOut(nil, existing: cookies)) }
        guard request.method == .post else {
            // The confirmation form; a session refreshed on the way still reaches the browser.
            let form = DefaultPages.logoutConfirmation(
                action: signIn.settings.logoutPath, csrfToken: signIn.csrfToken(for: session))
            return Self.withCookies(Self.html(.ok, form), refreshed)
        }
        var request = request
        let body = (try? await request.collectBody(upTo: 16 * 1024)).map { String(buffer: $0) } ?? ""
        guard signIn.isValidCSRFToken(FormFields.parse(body)["csrf"], for: session) else {
            let failure = WebSignInError(.stateMismatch, "the sign-out form has expired; please try again")
            return errorPage(failure, cookies: refreshed)
        }
        return Self.withCookies(loggedOut, signIn.signOut(session, existing: cookies))
    }

    private func errorPage(_ error: any Error, cookies: [SetCookie]) -> Response {
        let failure =
            error as? WebSignInError ?? WebSignInError(.providerUnavailable, "the sign-in failed unexpectedly")
        return Self.withCookies(
            Self.html(HTTPResponse.Status(code: failure.status), signIn.settings.errorPage(failure)), cookies)
    }

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `response` with `Set-Cookie` headers; a response that sets a session is never stored by a shared cache.
    static func withCookies(_ response: Response, _ cookies: [SetCookie]) -> Response {
        guard !cookies.isEmpty else { return response }
        var response = response
        for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie.headerValue)) }
        response.headers[.cacheControl] = "private, no-store"
        return response
    }
}

extension Router where Context: SignInRequestContextProtocol {
    /// Adds the sign-in middleware: the routes added after this call require a signed-in user (or, in optional
    /// mode, see ``SignInState/user``), and the login, callback and logout routes exist.
    @discardableResult
    public func addSignIn(_ signIn: AnacondaWebSignIn) -> Self {
        add(middleware: SignInMiddleware<Context>(signIn))
    }
}
