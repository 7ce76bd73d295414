import AnacondaPluginAPI
import Crypto
import Foundation
import _CryptoExtras

/// A way to break every ID token the server signs (`--id-token-fault`, `POST /_test/id-token-fault`): each one
/// fails a check a relying party must make.
public enum IDTokenFault: String, CaseIterable, Sendable {
    /// One byte of the signature flipped.
    case badSignature = "bad-signature"
    /// `iss` is `https://evil.example`.
    case wrongIssuer = "wrong-issuer"
    /// `aud` is `another-client`.
    case wrongAudience = "wrong-audience"
    /// Issued two hours ago, expired an hour ago.
    case expired
    /// `nonce` is `not-the-nonce` (in tokens that carry a nonce: those of the authorization code grant).
    case wrongNonce = "wrong-nonce"
    /// Header `{"alg":"none"}` and an empty signature.
    case algNone = "alg-none"
}

/// The server's ID-token signing key (RSA 2048, made at start), its JWKS, and RS256 ID tokens.
struct LocalIDTokenSigner: Sendable {
    private let key: _RSA.Signing.PrivateKey
    /// The key's `kid`: its RFC 7638 JWK thumbprint.
    let keyID: String
    private let publicJWK: JSONValue

    init() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let primitives = try key.publicKey.getKeyPrimitives()
        let modulus = Base64URL.encode(Array(primitives.modulus))
        let exponent = Base64URL.encode(Array(primitives.publicExponent))
        let thumbprintInput = #"{"e":"\#(exponent)","kty":"RSA","n":"\#(modulus)"}"#
        let keyID = Base64URL.encode(Array(SHA256.hash(data: Array(thumbprintInput.utf8))))
        self.key = key
        self.keyID = keyID
        publicJWK = .object([
            .init("kty", .string("RSA")), .init("kid", .string(keyID)), .init("use", .string("sig")),
            .init("alg", .string("RS256")), .init("n", .string(modulus)), .init("e", .string(exponent)),
        ])
    }

    /// The JSON Web Key Set of `/oauth2/jwks`.
    var jwks: JSONValue { .object([.init("keys", .array([publicJWK]))]) }

    /// An ID token for `audience` (a client ID): `iss`, `aud`, `iat`, `exp` (an hour), `nonce` when given, then
    /// `user` (the user's claims, `sub` first), broken as `fault` says.
    func idToken(
        issuer: String, audience: String, nonce: String?, user: [JSONValue.Member], fault: IDTokenFault?,
        now: Date = Date()
    ) throws -> String {
        let issuedAt = Int(now.timeIntervalSince1970) - (fault == .expired ? 7200 : 0)
        var claims: [JSONValue.Member] = [
            .init("iss", .string(fault == .wrongIssuer ? "https://evil.example" : issuer)),
            .init("aud", .string(fault == .wrongAudience ? "another-client" : audience)),
            .init("iat", .integer(issuedAt)), .init("exp", .integer(issuedAt + 3600)),
        ]
        if let nonce { claims.append(.init("nonce", .string(fault == .wrongNonce ? "not-the-nonce" : nonce))) }
        claims += user
        let header: JSONValue =
            fault == .algNone
            ? .object([.init("alg", .string("none"))])
            : .object([.init("alg", .string("RS256")), .init("kid", .string(keyID)), .init("typ", .string("JWT"))])
        let signingInput = Self.segment(header) + "." + Self.segment(.object(claims))
        if fault == .algNone { return signingInput + "." }
        var signature = try Array(
            key.signature(for: Array(signingInput.utf8), padding: .insecurePKCS1v1_5).rawRepresentation)
        if fault == .badSignature, let last = signature.indices.last { signature[last] ^= 0x01 }
        return signingInput + "." + Base64URL.encode(signature)
    }

    private static func segment(_ value: JSONValue) -> String {
        Base64URL.encode(Array(JSONWriter.compact.string(value).utf8))
    }
}
