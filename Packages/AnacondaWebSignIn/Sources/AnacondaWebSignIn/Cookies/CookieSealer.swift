import AnacondaAuth
import Crypto
import FoundationEssentials

/// Seals values into cookie text with AES-256-GCM (encrypted and authenticated), with keys derived by HKDF-SHA256
/// from the cookie secrets and a purpose, so a value sealed for one purpose never opens for another. The first
/// secret seals; every secret opens (rotation: deploy the new secret first in the list, keep the old one until the
/// longest session has expired). The cookie's name is authenticated too.
struct CookieSealer: Sendable {
    private let keys: [SymmetricKey]
    private static let version = "v1"

    init(secrets: [String], purpose: String) {
        keys = secrets.map { Self.key(from: $0, purpose: purpose) }
    }

    /// The 256-bit key for `purpose` derived from a cookie secret (HKDF-SHA256): each use of the secret has its own.
    static func key(from secret: String, purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Array(secret.utf8)), salt: Array("anaconda-web-sign-in".utf8),
            info: Array(purpose.utf8), outputByteCount: 32)
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// `v1.` and base64url of nonce, ciphertext and tag.
    func seal(_ plaintext: [UInt8], name: String) throws -> String {
        guard let key = keys.first else { throw WebSignInError(.configuration, "no cookie secret") }
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Array((Self.version + name).utf8))
        guard let combined = box.combined else { throw WebSignInError(.configuration, "AES-GCM gave no combined box") }
        return Self.version + "." + Base64URL.encode(Array(combined))
    }

    /// The plaintext, or `nil` for anything that was not sealed by one of the keys for `name` (tampered, truncated,
    /// another purpose or cookie, an unknown secret).
    func open(_ text: String, name: String) -> [UInt8]? {
        // base64url as we write it and nothing else: one spelling per sealed value (the opened-session cache is
        // keyed by the text).
        guard text.hasPrefix(Self.version + "."), text.utf8.count < 64 * 1024,
            text.utf8.dropFirst(Self.version.count + 1).allSatisfy(Self.isBase64URL),
            let combined = Base64URL.decode(text.dropFirst(Self.version.count + 1)), combined.count >= 12 + 16,
            let box = try? AES.GCM.SealedBox(combined: combined)
        else { return nil }
        let associated = Array((Self.version + name).utf8)
        for key in keys {
            if let plaintext = try? AES.GCM.open(box, using: key, authenticating: associated) {
                return Array(plaintext)
            }
        }
        return nil
    }
}
