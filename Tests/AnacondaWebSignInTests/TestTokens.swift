import AnacondaAuth
import AnacondaCore
import Crypto
import Foundation
import _CryptoExtras

/// An RSA key with its JWKS, signing test ID tokens the way a provider does (and the ways an attacker would).
struct TestTokens {
    let key: _RSA.Signing.PrivateKey
    let kid: String
    let jwk: JSONValue

    init(kid: String = "key-1", algorithm: String? = "RS256") throws {
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        self.kid = kid
        let primitives = try key.publicKey.getKeyPrimitives()
        var members: [JSONValue.Member] = [
            .init("kty", .string("RSA")), .init("kid", .string(kid)), .init("use", .string("sig")),
            .init("n", .string(Base64URL.encode(Array(primitives.modulus)))),
            .init("e", .string(Base64URL.encode(Array(primitives.publicExponent)))),
        ]
        if let algorithm { members.append(.init("alg", .string(algorithm))) }
        jwk = .object(members)
    }

    static func jwks(_ keys: TestTokens...) -> [UInt8] {
        Array(JSONWriter.compact.string(.object([.init("keys", .array(keys.map(\.jwk)))])).utf8)
    }

    /// Claims of a valid token for `client` at `now`.
    static func claims(
        issuer: String = "https://auth.example.com", audience: JSONValue = .string("web-client"),
        nonce: String? = "n-1",
        issuedAt: Int, lifetime: Int = 3600, subject: String? = "u-1"
    ) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("iss", .string(issuer)), .init("aud", audience), .init("iat", .integer(issuedAt)),
            .init("exp", .integer(issuedAt + lifetime)), .init("email", .string("me@example.com")),
            .init("email_verified", .bool(true)),
        ]
        if let subject { members.append(.init("sub", .string(subject))) }
        if let nonce { members.append(.init("nonce", .string(nonce))) }
        return .object(members)
    }

    func sign(_ claims: JSONValue, header: JSONValue? = nil) throws -> String {
        let header =
            header
            ?? .object([.init("alg", .string("RS256")), .init("kid", .string(kid)), .init("typ", .string("JWT"))])
        let input = Self.segment(header) + "." + Self.segment(claims)
        let signature = try key.signature(for: Array(input.utf8), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(Array(signature.rawRepresentation))
    }

    /// An HS256 token whose secret is the public key's JWK text: the algorithm-confusion attack.
    func signConfused(_ claims: JSONValue) -> String {
        let header = JSONValue.object([.init("alg", .string("HS256")), .init("kid", .string(kid))])
        let input = Self.segment(header) + "." + Self.segment(claims)
        let secret = SymmetricKey(data: Array(JSONWriter.compact.string(jwk).utf8))
        return input + "."
            + Base64URL.encode(Array(HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: secret)))
    }

    static func unsigned(_ claims: JSONValue) -> String {
        segment(.object([.init("alg", .string("none"))])) + "." + segment(claims) + "."
    }

    static func segment(_ value: JSONValue) -> String { Base64URL.encode(Array(JSONWriter.compact.string(value).utf8)) }
}
