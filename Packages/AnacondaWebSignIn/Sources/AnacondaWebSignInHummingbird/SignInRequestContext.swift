import AnacondaWebSignIn
import Hummingbird

/// What the sign-in middleware puts into each request's context.
public struct SignInState: Sendable {
    /// The session, when the user is signed in.
    public internal(set) var session: WebSession?
    /// The session's CSRF token, for forms that change state (``logoutForm``).
    public internal(set) var csrfToken: String?
    /// The form that signs out, for pages to include.
    public internal(set) var logoutForm: String?

    public init() {}

    /// The signed-in user, `nil` for an anonymous visitor (optional mode).
    public var user: AnacondaUser? { session?.user }
    /// A valid access token for Anaconda APIs (refreshed by the middleware when it had expired).
    public var accessToken: String? { session?.accessToken }
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
