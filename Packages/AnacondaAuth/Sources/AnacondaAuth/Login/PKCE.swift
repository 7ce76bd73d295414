import FoundationEssentials

/// Proof Key for Code Exchange (RFC 7636), S256.
public struct PKCE: Sendable, Equatable {
    public var verifier: String
    public var challenge: String

    /// A verifier of 32 bytes from the system's CSPRNG (43 base64url characters).
    public static func generate() -> PKCE {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return PKCE(verifier: Base64URL.encode(bytes))
    }

    public init(verifier: String) {
        self.verifier = verifier
        self.challenge = Base64URL.encode(SHA256.hash(Array(verifier.utf8)))
    }

    /// A random `state` value.
    public static func state() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}

/// base64url without padding.
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    /// The bytes of base64url text with or without padding (standard base64 is accepted too); `nil` when it is
    /// not base64.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var base64 = String(text).replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}

/// Compares secrets in time that does not depend on where they differ.
public enum ConstantTime {
    public static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
