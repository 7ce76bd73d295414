import AnacondaAuth
import AnacondaCore
import FoundationEssentials
import JWTKit

/// Verifies ID-token signatures with the provider's published keys (JWKS), through jwt-kit. Before jwt-kit sees a
/// token: the header's `alg` must be an asymmetric algorithm the provider announces (so `none` and HMAC with a
/// public key as the secret are refused) and must match the key's own `alg` and type; the `kid` must name a
/// published key. Keys are cached for an hour and fetched again when a token names an unknown `kid` (at most every
/// 30 seconds, so forged `kid`s cannot make the app hammer the provider).
actor IDTokenVerifier {
    /// What the JWKS says of one key.
    struct KeyInfo: Sendable, Equatable {
        var type: String
        var algorithm: String?
    }

    static let asymmetricAlgorithms: Set<String> = [
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
    ]
    static let maximumKeyAge: Double = 3600
    static let minimumRefetchInterval: Double = 30

    private let fetchKeys: @Sendable (_ uri: String) async throws -> [UInt8]
    private let now: @Sendable () -> Date
    private var collection = JWTKeyCollection()
    private var keys: [String: KeyInfo] = [:]
    private var fetchedAt: Date?

    /// - Parameter fetchKeys: GETs the provider's `jwks_uri` and returns the body.
    init(fetchKeys: @escaping @Sendable (_ uri: String) async throws -> [UInt8], now: @escaping @Sendable () -> Date) {
        self.fetchKeys = fetchKeys
        self.now = now
    }

    /// The token's payload once its signature is verified (its claims are checked by ``IDTokenClaims``).
    func verify(_ token: String, announcedAlgorithms: [String], keysAt uri: String) async throws(WebSignInError)
        -> JSONValue
    {
        func refuse(_ reason: String) -> WebSignInError { WebSignInError(.invalidIDToken, "the ID token \(reason)") }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.utf8.count < 64 * 1024 else { throw refuse("is not a signed JWT") }
        guard let headerBytes = Base64URL.decode(parts[0]), let header = try? JSONValue.parse(headerBytes),
            case .object = header, let algorithm = header["alg"]?.stringValue
        else { throw refuse("has no readable header") }
        if algorithm.lowercased() == "none" { throw refuse("is not signed (alg none)") }
        if algorithm.uppercased().hasPrefix("HS") { throw refuse("uses a shared-secret algorithm (\(algorithm))") }
        // A provider that announces no algorithms signs with RS256 (OpenID Connect Discovery §3).
        let announced = announcedAlgorithms.isEmpty ? ["RS256"] : announcedAlgorithms
        guard Self.asymmetricAlgorithms.contains(algorithm), announced.contains(algorithm) else {
            throw refuse("uses an algorithm the provider does not announce (\(algorithm))")
        }

        let kid = header["kid"]?.stringValue
        let info = try await key(named: kid, uri: uri)
        if let keyAlgorithm = info.algorithm, keyAlgorithm != algorithm {
            throw refuse("names algorithm \(algorithm) but its key is for \(keyAlgorithm)")
        }
        guard Self.keyType(for: algorithm) == info.type else {
            throw refuse("names algorithm \(algorithm) but its key is of type \(info.type)")
        }
        do {
            _ = try await collection.verify(token, as: SignatureOnly.self)
        } catch {
            throw refuse("signature is not valid")
        }
        guard let payloadBytes = Base64URL.decode(parts[1]), let payload = try? JSONValue.parse(payloadBytes) else {
            throw refuse("has no readable payload")
        }
        return payload
    }

    /// The published key `kid` names (the only key when the token names none), fetching the keys when they are
    /// missing, old, or do not have `kid` yet.
    private func key(named kid: String?, uri: String) async throws(WebSignInError) -> KeyInfo {
        let age = fetchedAt.map { now().timeIntervalSince($0) } ?? .infinity
        let unknown = kid.map { keys[$0] == nil } ?? false
        if age > Self.maximumKeyAge || (unknown && age >= Self.minimumRefetchInterval) {
            try await refresh(uri)
        }
        if let kid {
            guard let info = keys[kid] else {
                throw WebSignInError(.invalidIDToken, "the ID token is signed with a key the provider does not publish")
            }
            return info
        }
        guard keys.count == 1, let only = keys.values.first else {
            throw WebSignInError(.invalidIDToken, "the ID token names no key (kid) and the provider has several")
        }
        return only
    }

    private func refresh(_ uri: String) async throws(WebSignInError) {
        let body: [UInt8]
        do {
            body = try await fetchKeys(uri)
        } catch {
            throw WebSignInError(.providerUnavailable, "the provider's keys (jwks_uri) could not be fetched")
        }
        let fresh = JWTKeyCollection()
        var infos: [String: KeyInfo] = [:]
        let published = try Self.signingKeys(inJWKS: body)
        for key in published {
            // A token without `kid` is checked against the only key (its default).
            guard (try? await fresh.add(jwk: key.jwk, isDefault: published.count == 1)) != nil else { continue }
            infos[key.kid] = key.info
        }
        guard !infos.isEmpty else {
            throw WebSignInError(.providerUnavailable, "the provider publishes no usable signing key")
        }
        collection = fresh
        keys = infos
        fetchedAt = now()
    }

    /// The signing keys of a JWKS document: those with an id and a type, for signatures (`use` absent or `sig`),
    /// each parsed by jwt-kit on its own so one odd key spoils nothing.
    static func signingKeys(inJWKS body: [UInt8]) throws(WebSignInError) -> [(kid: String, jwk: JWK, info: KeyInfo)] {
        guard let document = try? JSONValue.parse(body), case .array(let entries)? = document["keys"] else {
            throw WebSignInError(.providerUnavailable, "the provider's keys (jwks_uri) are not a JWKS document")
        }
        return entries.compactMap { entry in
            guard let kid = entry["kid"]?.stringValue, let type = entry["kty"]?.stringValue,
                entry["use"]?.stringValue ?? "sig" == "sig",
                let jwk = try? JSONDecoder().decode(JWK.self, from: Data(JSONWriter.compact.string(entry).utf8))
            else { return nil }
            return (kid, jwk, KeyInfo(type: type, algorithm: entry["alg"]?.stringValue))
        }
    }

    static func keyType(for algorithm: String) -> String {
        switch algorithm.prefix(2) {
        case "RS", "PS": "RSA"
        case "ES": "EC"
        default: "OKP"
        }
    }

    /// jwt-kit checks the signature; the claims are ours to check (``IDTokenClaims``).
    private struct SignatureOnly: JWTPayload {
        init(from decoder: any Decoder) throws {}
        func encode(to encoder: any Encoder) throws {}
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}
