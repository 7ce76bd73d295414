import AnacondaWebSignIn
import Hummingbird

/// What the sign-in middleware puts into each request's context.
public struct SignInState: Sendable {
    /// The session, when the user is signed in.
    public internal(set) var session: WebSession?
    var signIn: AnacondaWebSignIn?

    public init() {}

    /// The signed-in user, `nil` for an anonymous visitor (optional mode).
    public var user: AnacondaUser? { session?.user }
    /// A valid access token for Anaconda APIs (refreshed by the middleware when it had expired).
    public var accessToken: String? { session?.accessToken }
    /// The session's CSRF token, for forms that change state.
    public var csrfToken: String? { session.flatMap { signIn?.csrfToken(for: $0) } }
    /// The form that signs out (a POST with the CSRF token), for pages to include.
    public var logoutForm: String? {
        guard let signIn, let csrfToken else { return nil }
        return DefaultPages.logoutForm(action: signIn.settings.logoutPath, csrfToken: csrfToken)
    }
}

/// A request context the sign-in middleware can fill in. ``SignInRequestContext`` is a ready-made one; an app with
/// its own context adds `var signIn = SignInState()` and this conformance.
public protocol SignInRequestContextProtocol: RequestContext {
    var signIn: SignInState { get set }
}

/// The basic request context plus ``SignInState``.
public struct SignInRequestContext: SignInRequestContextProtocol {
    public var coreContext: CoreRequestContextStorage
    public var signIn = SignInState()

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
