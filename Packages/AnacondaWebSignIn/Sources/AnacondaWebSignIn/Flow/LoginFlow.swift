import AnacondaAuth
import FoundationEssentials

/// One sign-in in progress, sealed in a short-lived cookie between the login route and the callback: the
/// `state` and `nonce` sent to the provider, the PKCE verifier and where to return.
struct LoginFlow: Codable, Sendable, Equatable {
    var state: String
    var nonce: String
    var verifier: String
    var next: String
    /// When the sign-in started (seconds since 1970).
    var started: Int

    static let lifetime = 600

    static func start(next: String, now: Date) -> LoginFlow {
        LoginFlow(
            state: RandomToken.make(), nonce: RandomToken.make(), verifier: PKCE.generate().verifier, next: next,
            started: Int(now.timeIntervalSince1970))
    }

    func isExpired(now: Date) -> Bool { Double(started + Self.lifetime) <= now.timeIntervalSince1970 }

    enum CodingKeys: String, CodingKey {
        case state = "s"
        case nonce = "n"
        case verifier = "v"
        case next = "r"
        case started = "t"
    }
}

/// Random values from the system's CSPRNG, base64url.
enum RandomToken {
    static func make(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
