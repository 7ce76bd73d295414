import AnacondaAuth
import AnacondaCore
import Foundation
import Synchronization
import Testing

@testable import AnacondaWebSignIn

@Suite("ID tokens: signature, algorithm and key checks (jwt-kit), then the claims")
struct IDTokenVerificationTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = Shared(start)
    let fetches = Shared(0)

    func verifier(_ jwks: @escaping @Sendable () -> [UInt8]) -> IDTokenVerifier {
        IDTokenVerifier(
            fetchKeys: { [fetches] _ in
                fetches.withLock { $0 += 1 }
                return jwks()
            }, now: { [clock] in clock.withLock { $0 } })
    }

    var now: Int { Int(clock.withLock { $0 }.timeIntervalSince1970) }

    func refusal(_ body: () async throws -> Void) async -> WebSignInError? {
        do {
            try await body()
            return nil
        } catch let error as WebSignInError {
            return error
        } catch {
            return WebSignInError(.configuration, "unexpected \(error)")
        }
    }

    @Test("a token signed with the published key verifies; its payload is returned")
    func valid() async throws {
        let keys = try TestTokens()
        let verifier = verifier { TestTokens.jwks(keys) }
        let token = try keys.sign(TestTokens.claims(issuedAt: now))
        let payload = try await verifier.verify(
            token, announcedAlgorithms: ["RS256"], keysAt: "https://auth.example.com/keys")
        #expect(payload["sub"]?.stringValue == "u-1")
    }

    @Test("alg none, HS256 with the public key as secret, a bad signature, an unannounced algorithm are refused")
    func forged() async throws {
        let keys = try TestTokens()
        let verifier = verifier { TestTokens.jwks(keys) }
        let claims = TestTokens.claims(issuedAt: now)
        let valid = try keys.sign(claims)
        var tampered = Array(valid)
        tampered[tampered.count - 5] = tampered[tampered.count - 5] == "A" ? "B" : "A"
        let cases: [(String, String, [String])] = [
            (TestTokens.unsigned(claims), "is not signed (alg none)", []),
            (keys.signConfused(claims), "uses a shared-secret algorithm (HS256)", []),
            (String(tampered), "signature is not valid", []),
            (valid, "uses an algorithm the provider does not announce (RS256)", ["ES256"]),
            ("a.b", "is not a signed JWT", []),
            ("!!.e30.x", "has no readable header", []),
        ]
        for (token, reason, announced) in cases {
            let error = await refusal {
                _ = try await verifier.verify(
                    token, announcedAlgorithms: announced, keysAt: "https://auth.example.com/keys")
            }
            #expect(error?.code == .invalidIDToken)
            #expect(error?.message == "the ID token \(reason)")
        }
    }

    @Test("a header algorithm other than the key's own is refused (algorithm confusion)")
    func algorithmMismatch() async throws {
        let keys = try TestTokens()
        let verifier = verifier { TestTokens.jwks(keys) }
        let header = JSONValue.object([.init("alg", .string("PS256")), .init("kid", .string(keys.kid))])
        let token = try keys.sign(TestTokens.claims(issuedAt: now), header: header)
        let error = await refusal {
            _ = try await verifier.verify(
                token, announcedAlgorithms: ["RS256", "PS256"], keysAt: "https://auth.example.com/keys")
        }
        #expect(error?.message == "the ID token names algorithm PS256 but its key is for RS256")
        // A provider that announces no algorithms signs with RS256 only.
        let unannounced = await refusal {
            _ = try await verifier.verify(token, announcedAlgorithms: [], keysAt: "https://auth.example.com/keys")
        }
        #expect(unannounced?.message == "the ID token uses an algorithm the provider does not announce (PS256)")
    }

    @Test("an unknown kid fetches the keys again (key rotation), at most every 30 seconds")
    func unknownKid() async throws {
        let old = try TestTokens(kid: "old")
        let new = try TestTokens(kid: "new")
        let published = Shared(TestTokens.jwks(old))
        let verifier = verifier { published.withLock { $0 } }
        _ = try await verifier.verify(
            try old.sign(TestTokens.claims(issuedAt: now)), announcedAlgorithms: [],
            keysAt: "https://auth.example.com/keys")
        #expect(fetches.withLock { $0 } == 1)

        // The provider rotates; within 30 s of the last fetch an unknown kid is refused without a fetch.
        published.withLock { $0 = TestTokens.jwks(new) }
        let rotated = try new.sign(TestTokens.claims(issuedAt: now))
        let early = await refusal {
            _ = try await verifier.verify(rotated, announcedAlgorithms: [], keysAt: "https://auth.example.com/keys")
        }
        #expect(early?.message == "the ID token is signed with a key the provider does not publish")
        #expect(fetches.withLock { $0 } == 1)

        clock.withLock { $0 += 31 }
        _ = try await verifier.verify(rotated, announcedAlgorithms: [], keysAt: "https://auth.example.com/keys")
        #expect(fetches.withLock { $0 } == 2)
        // A forged kid right after costs no fetch.
        let forged = try new.sign(
            TestTokens.claims(issuedAt: now),
            header: .object([.init("alg", .string("RS256")), .init("kid", .string("x"))]))
        _ = await refusal {
            _ = try await verifier.verify(forged, announcedAlgorithms: [], keysAt: "https://auth.example.com/keys")
        }
        #expect(fetches.withLock { $0 } == 2)
    }

    @Test("a JWKS that is not JSON or has no usable key is the provider's failure, not a crash")
    func badJWKS() async throws {
        let keys = try TestTokens()
        for body in ["", "[]", #"{"keys": 5}"#, #"{"keys": [{"kty": "RSA", "kid": "k", "n": "%%", "e": "AQAB"}]}"#] {
            let verifier = verifier { Array(body.utf8) }
            let error = await refusal {
                _ = try await verifier.verify(
                    try keys.sign(TestTokens.claims(issuedAt: now)), announcedAlgorithms: [],
                    keysAt: "https://auth.example.com/keys")
            }
            #expect(error?.code == .providerUnavailable, "\(body)")
        }
    }

    @Test("claims: issuer, audience, azp, expiry and iat with 60 s of skew, nonce, subject")
    func claims() throws {
        let time = Self.start
        let at = Int(time.timeIntervalSince1970)
        func check(_ claims: JSONValue, nonce: String? = "n-1") -> String? {
            do {
                _ = try IDTokenClaims(
                    payload: claims, issuer: "https://auth.example.com", clientID: "web-client", nonce: nonce, now: time
                )
                return nil
            } catch {
                return error.message
            }
        }
        #expect(check(TestTokens.claims(issuedAt: at)) == nil)
        #expect(
            check(TestTokens.claims(issuer: "https://evil.example", issuedAt: at))
                == "the ID token was issued by someone else (iss)")
        #expect(
            check(TestTokens.claims(audience: .string("other"), issuedAt: at))
                == "the ID token is meant for another client (aud)")
        #expect(
            check(TestTokens.claims(audience: .array([.string("web-client"), .string("other")]), issuedAt: at))
                == "the ID token is also meant for other clients (aud)")
        let requestedByOther = TestTokens.claims(issuedAt: at).setting("azp", to: .string("other"))
        #expect(check(requestedByOther) == "the ID token was requested by another client (azp)")
        #expect(check(TestTokens.claims(issuedAt: at - 3600 - 61)) == "the ID token has expired (exp)")
        #expect(check(TestTokens.claims(issuedAt: at - 3600 - 30)) == nil)  // within the skew
        #expect(check(TestTokens.claims(issuedAt: at + 61)) == "the ID token was issued in the future (iat)")
        #expect(
            check(TestTokens.claims(issuedAt: at), nonce: "other") == "the ID token does not carry this sign-in's nonce"
        )
        #expect(
            check(TestTokens.claims(nonce: nil, issuedAt: at)) == "the ID token does not carry this sign-in's nonce")
        #expect(check(TestTokens.claims(nonce: nil, issuedAt: at), nonce: nil) == nil)  // a refresh: no nonce to check
        #expect(check(TestTokens.claims(issuedAt: at, subject: nil)) == "the ID token has no subject (sub)")
        #expect(check(.array([])) == "the ID token payload is not a JSON object")
    }
}

/// A value tests and closures share.
final class Shared<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout sending Value) -> sending R) -> R { storage.withLock(body) }
}
