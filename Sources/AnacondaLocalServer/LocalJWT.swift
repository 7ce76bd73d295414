import AnacondaPluginAPI
import Crypto
import Foundation

/// API keys as the service issues them: JWTs with an `exp`, here unsigned (clients do not verify them).
enum LocalJWT {
    static func make(subject: String, lifetime: Int) -> String {
        let header = #"{"alg":"RS256","kid":"default","typ":"JWT"}"#
        let expiry = Int(Date().timeIntervalSince1970) + lifetime
        let claims = #"{"exp":\#(expiry),"sub":"\#(subject)","jti":"\#(LocalServerState.randomToken().prefix(16))"}"#
        return Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8)) + "."
            + Base64URL.encode(Array("fakesig".utf8))
    }

    static func claims(_ token: String) -> JSONValue? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Base64URL.decode(String(parts[1])) else { return nil }
        return try? JSONValue.parse(data)
    }

    static func isWellFormed(_ token: String) -> Bool { claims(token)?["exp"] != nil }

    static func isUnexpired(_ token: String) -> Bool {
        guard let exp = claims(token)?["exp"]?.doubleValue else { return false }
        return exp > Date().timeIntervalSince1970
    }
}

/// PKCE (RFC 7636) S256 challenges.
enum PKCE {
    static func challenge(for verifier: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
    }
}

enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        )
        .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}
