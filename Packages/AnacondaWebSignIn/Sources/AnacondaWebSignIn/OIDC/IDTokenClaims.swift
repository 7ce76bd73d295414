import AnacondaAuth
import AnacondaCore
import FoundationEssentials

/// The checks of an ID token's claims (OIDC Core §3.1.3.7) once its signature is verified: `iss`, `aud` (this client only) and
/// `azp`, `exp` and `iat` with a small clock skew, `nonce`, `sub`.
struct IDTokenClaims: Sendable, Equatable {
    var subject: String
    var email: String?
    var emailVerified: Bool?
    var name: String?
    var username: String?
    var organizations: [String]?

    static let clockSkew: Double = 60

    /// - Parameter nonce: the nonce the sign-in sent; `nil` after a refresh (the token then carries none to check).
    init(payload: JSONValue, issuer: String, clientID: String, nonce: String?, now: Date) throws(WebSignInError) {
        func refuse(_ reason: String) -> WebSignInError { WebSignInError(.invalidIDToken, "the ID token \(reason)") }
        guard case .object = payload else { throw refuse("payload is not a JSON object") }
        guard payload["iss"]?.stringValue == issuer else { throw refuse("was issued by someone else (iss)") }
        let audiences: [String]
        switch payload["aud"] {
        case .string(let audience)?: audiences = [audience]
        case .array(let values)?: audiences = values.compactMap(\.stringValue)
        default: audiences = []
        }
        guard audiences.contains(clientID) else { throw refuse("is meant for another client (aud)") }
        if audiences.count > 1 { throw refuse("is also meant for other clients (aud)") }
        if let party = payload["azp"], party.stringValue != clientID {
            throw refuse("was requested by another client (azp)")
        }
        let time = now.timeIntervalSince1970
        guard let expiry = payload["exp"]?.doubleValue, expiry.isFinite else { throw refuse("has no expiry (exp)") }
        guard expiry + Self.clockSkew > time else { throw refuse("has expired (exp)") }
        guard let issuedAt = payload["iat"]?.doubleValue, issuedAt.isFinite else { throw refuse("has no iat") }
        guard issuedAt - Self.clockSkew <= time else { throw refuse("was issued in the future (iat)") }
        if let nonce {
            guard let claimed = payload["nonce"]?.stringValue, ConstantTime.equal(claimed, nonce) else {
                throw refuse("does not carry this sign-in's nonce")
            }
        }
        guard let subject = payload["sub"]?.stringValue, !subject.isEmpty else { throw refuse("has no subject (sub)") }
        self.subject = subject
        email = payload["email"]?.stringValue
        if case .bool(let verified)? = payload["email_verified"] { emailVerified = verified }
        name = payload["name"]?.stringValue
        username = payload["preferred_username"]?.stringValue
        if case .array(let values)? = payload["organizations"] { organizations = values.compactMap(\.stringValue) }
    }
}
