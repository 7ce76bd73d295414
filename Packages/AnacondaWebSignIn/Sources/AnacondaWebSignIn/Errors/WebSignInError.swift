/// Why a sign-in failed. Equal when the codes are equal; the message is one line for the error page and the log,
/// never containing a token, a code or a secret.
public struct WebSignInError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        /// The web knobs or the site configuration are missing or invalid (a deployment error).
        case configuration
        /// The callback arrived without the sign-in's own cookie (expired, another browser, cookies blocked).
        case missingFlow
        /// The callback's `state` is not the one this browser was sent with.
        case stateMismatch
        /// The provider answered the authorization request with an error (`access_denied`, ...).
        case providerRefused
        /// The provider's discovery document, token endpoint or userinfo could not be used.
        case providerUnavailable
        /// The code could not be exchanged (unknown, already used, wrong client secret).
        case codeRejected
        /// The ID token failed a check (signature, algorithm, issuer, audience, expiry, nonce).
        case invalidIDToken
        /// The user signed in but the app's authorization rule does not let them in.
        case notAllowed
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// The HTTP status of the error page.
    public var status: Int {
        switch code {
        case .configuration, .providerUnavailable: 502
        case .missingFlow, .stateMismatch, .providerRefused, .codeRejected: 400
        case .invalidIDToken: 401
        case .notAllowed: 403
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
