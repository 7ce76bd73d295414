import AnacondaCore
import FoundationEssentials

/// The libFuzzer target `web` (`Fuzz/`): everything of a sign-in that a browser or the provider sends, on arbitrary
/// bytes: the `Cookie` header, a sealed cookie, the return path, a form body, and the provider's JSON (discovery,
/// token answer, JWKS, ID-token claims, a session). Errors are expected; a trap, a hang or a failed check is a
/// finding. Not API: reachable only with `@_spi(Fuzzing) import AnacondaWebSignIn`.
@_spi(Fuzzing) public enum WebFuzzing {
    private static let sealer = CookieSealer(secrets: [String(repeating: "k", count: 32)], purpose: "fuzz")

    public static func input(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)

        // A cookie lookup finds what the whole table has, for every name (the first of a name wins in both).
        let cookies = RequestCookies(headers: [text, "extra=1"])
        for (name, value) in cookies.values {
            check(cookies[name] == value, "cookie \(name) looked up differently")
        }

        // Only a same-origin path of printable ASCII comes back.
        let path = Array(ReturnPath.sanitize(text, excluding: ["/login"]).utf8)
        check(
            path.first == UInt8(ascii: "/") && (path.count == 1 || (path[1] != UInt8(ascii: "/") && path[1] != 92))
                && path.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 92 }, "return path \(path)")

        _ = FormFields.parse(text)
        _ = HTML.escape(text)

        // Junk never opens; what is sealed opens to the same bytes.
        _ = sealer.open(text, name: "c")
        if let sealed = try? sealer.seal(bytes, name: "c") {
            check(sealer.open(sealed, name: "c") == bytes, "sealed bytes did not open")
        }

        _ = try? IDTokenVerifier.signingKeys(inJWKS: bytes)
        _ = try? JSONDecoder().decode(WebSession.self, from: Data(bytes))
        _ = try? JSONDecoder().decode(LoginFlow.self, from: Data(bytes))
        guard let document = try? JSONValue.parse(bytes) else { return }
        _ = try? TokenResponse(document: document)
        _ = try? ProviderMetadata(document: document, from: "https://auth.example.com/.well-known/openid-configuration")
        _ = try? IDTokenClaims(
            payload: document, issuer: "https://auth.example.com", clientID: "web", nonce: "n",
            now: Date(timeIntervalSince1970: 1_800_000_000))
    }

    private static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("web: \(message())") }
    }
}
