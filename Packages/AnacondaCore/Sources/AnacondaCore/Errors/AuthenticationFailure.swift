/// Why a command could not authenticate. Each case has the reference's label and message.
public enum AuthenticationFailure: Sendable, Equatable {
    /// No credential is stored for the site.
    case tokenNotFound
    /// The stored credential has expired.
    case tokenExpired
    /// The server rejected the credential that was sent.
    case invalidAuthentication
    /// The server requires a credential and none was sent.
    case authenticationMissing

    /// The error code (its label is the reference's).
    public var code: AnacondaError.Code {
        switch self {
        case .tokenNotFound: .tokenNotFoundError
        case .tokenExpired: .tokenExpiredError
        case .invalidAuthentication: .invalidAuthentication
        case .authenticationMissing: .authenticationMissingError
        }
    }

    /// The class-like label.
    public var label: String { code.label }

    /// The message, exactly as the reference prints it.
    public var message: String {
        switch self {
        case .tokenNotFound, .authenticationMissing: "Login is required to complete this action."
        case .tokenExpired: "Your login token has expired"
        case .invalidAuthentication: "Your provided API Key or login token is invalid"
        }
    }

    /// Whether a new login must be forced: the client thought its key was valid but the server said no.
    public var requiresNewLogin: Bool { self == .invalidAuthentication }
}

/// A command needs a (new) login. On a terminal the host offers to log in and re-runs the command once;
/// otherwise it prints guidance and exits with status 4.
public struct AuthenticationRequiredError: Error, CustomStringConvertible {
    /// Why authentication failed.
    public var failure: AuthenticationFailure
    /// The site (name or domain) the command used, so the login goes to the same place.
    public var site: String?
    /// What caused this error; shown in the `--verbose` cause chain.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(_ failure: AuthenticationFailure, site: String? = nil, underlying: (any Error)? = nil) {
        self.failure = failure
        self.site = site
        self.underlying = underlying
    }

    /// `<label>: <message>`.
    public var description: String { "\(failure.label): \(failure.message)" }
}
