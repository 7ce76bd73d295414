import Foundation
import Testing

@testable import AnacondaWebSignIn

@Suite("Sealed cookies: AES-GCM, tampering, keys, rotation, size")
struct CookieSealingTests {
    static let secret = String(repeating: "a", count: 32)
    static let newSecret = String(repeating: "b", count: 32)

    static func session(tokenSize: Int = 40) -> WebSession {
        WebSession(
            id: "id-1",
            user: AnacondaUser(
                subject: "u-1", email: "me@example.com", emailVerified: true, name: "Ana Conda", username: "me",
                organizations: ["acme"]),
            accessToken: String(repeating: "t", count: tokenSize), refreshToken: "r", accessTokenExpiry: 2_000_000_000,
            expiry: 2_000_000_100)
    }

    static func requestCookies(_ headers: [SetCookie]) -> RequestCookies {
        RequestCookies(
            Dictionary(headers.filter { $0.maxAge != 0 }.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }

    @Test("a sealed value opens with its key and name; tampering, another key, another name or purpose do not")
    func tamper() throws {
        let sealer = CookieSealer(secrets: [Self.secret], purpose: "session v1")
        let sealed = try sealer.seal(Array("hello".utf8), name: "c")
        #expect(sealer.open(sealed, name: "c") == Array("hello".utf8))
        #expect(!sealed.contains("hello"))
        var bytes = Array(sealed.utf8)
        for index in [3, bytes.count / 2, bytes.count - 1] {
            let original = bytes[index]
            bytes[index] = original == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(sealer.open(String(decoding: bytes, as: UTF8.self), name: "c") == nil)
            bytes[index] = original
        }
        #expect(sealer.open(String(sealed.dropLast(4)), name: "c") == nil)
        #expect(sealer.open(sealed, name: "d") == nil)
        #expect(CookieSealer(secrets: [Self.newSecret], purpose: "session v1").open(sealed, name: "c") == nil)
        #expect(CookieSealer(secrets: [Self.secret], purpose: "sign-in v1").open(sealed, name: "c") == nil)
        // Another spelling of the same bytes (standard base64, padding) is refused too: one text per sealed value.
        let standard = sealed.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if standard != sealed { #expect(sealer.open(standard, name: "c") == nil) }
        for junk in [
            "", "v1.", "v2." + sealed.dropFirst(3), "v1.%%%", "v1." + String(repeating: "A", count: 10), sealed + "=",
        ] {
            #expect(sealer.open(junk, name: "c") == nil)
        }
    }

    @Test("rotation: the first secret seals, every secret opens")
    func rotation() throws {
        let old = CookieSealer(secrets: [Self.secret], purpose: "p")
        let rotated = CookieSealer(secrets: [Self.newSecret, Self.secret], purpose: "p")
        let sealedByOld = try old.seal([1, 2, 3], name: "c")
        #expect(rotated.open(sealedByOld, name: "c") == [1, 2, 3])
        let sealedByNew = try rotated.seal([4], name: "c")
        #expect(CookieSealer(secrets: [Self.newSecret], purpose: "p").open(sealedByNew, name: "c") == [4])
        #expect(old.open(sealedByNew, name: "c") == nil)
    }

    @Test(
        "a session fits one cookie; a large one is split under 4 KB a cookie and joins back; stale chunks are deleted")
    func size() throws {
        let cookies = SessionCookies(sealer: CookieSealer(secrets: [Self.secret], purpose: "s"), secure: false)
        let small = try cookies.cookies(for: Self.session(), existing: RequestCookies([:]), maxAge: 100)
        #expect(small.map(\.name) == ["anaconda_session"])
        #expect(small[0].headerValue.hasSuffix("; Path=/; Max-Age=100; HttpOnly; SameSite=Lax"))
        // On HTTPS: Secure, and the __Host- prefix (no other host can set the cookie).
        let secure = SessionCookies(sealer: CookieSealer(secrets: [Self.secret], purpose: "s"), secure: true)
        let secureCookies = try secure.cookies(for: Self.session(), existing: RequestCookies([:]), maxAge: 100)
        #expect(secureCookies.map(\.name) == ["__Host-anaconda_session"])
        #expect(secureCookies[0].headerValue.hasSuffix("; Path=/; Max-Age=100; HttpOnly; SameSite=Lax; Secure"))
        #expect(secure.session(in: Self.requestCookies(secureCookies)) == Self.session())
        #expect(secure.session(in: Self.requestCookies(small)) == nil)
        #expect(cookies.session(in: Self.requestCookies(small)) == Self.session())

        let large = try cookies.cookies(for: Self.session(tokenSize: 9000), existing: RequestCookies([:]), maxAge: 100)
        #expect(
            large.map(\.name) == ["anaconda_session", "anaconda_session.1", "anaconda_session.2", "anaconda_session.3"])
        #expect(large.allSatisfy { $0.headerValue.utf8.count < 4096 })
        #expect(cookies.session(in: Self.requestCookies(large)) == Self.session(tokenSize: 9000))

        // Back to a small session: the chunks the browser still has are deleted.
        let shrunk = try cookies.cookies(for: Self.session(), existing: Self.requestCookies(large), maxAge: 100)
        #expect(
            shrunk.map(\.name) == [
                "anaconda_session", "anaconda_session.1", "anaconda_session.2", "anaconda_session.3",
            ])
        #expect(shrunk.dropFirst().allSatisfy { $0.maxAge == 0 && $0.value.isEmpty })

        // A missing chunk or chunks out of order: not signed in.
        var partial = Self.requestCookies(large).values
        partial["anaconda_session.2"] = nil
        #expect(cookies.session(in: RequestCookies(partial)) == nil)
    }

    @Test("a session too large even when compacted is an error, not a cookie browsers drop")
    func tooLarge() throws {
        let cookies = SessionCookies(sealer: CookieSealer(secrets: [Self.secret], purpose: "s"), secure: false)
        #expect(throws: WebSignInError.self) {
            try cookies.cookies(for: Self.session(tokenSize: 20_000), existing: RequestCookies([:]), maxAge: 100)
        }
    }

    @Test("Cookie headers: several headers and pairs, quotes, junk; the first of a name wins")
    func requestCookies() {
        let cookies = RequestCookies(headers: ["a=1; b=\"2\"; junk; =x; a=3", "c = 4 ;d="])
        #expect(cookies.values == ["a": "1", "b": "2", "c": "4", "d": ""])
    }

    @Test("return paths: only same-origin paths that are not the sign-in routes")
    func returnPaths() {
        let routes = ["/login", "/logout", "/auth/callback"]
        let cases: [(String?, String)] = [
            (nil, "/"), ("/reports?x=1", "/reports?x=1"), ("//evil.example", "/"), ("/\\evil.example", "/"),
            ("https://evil.example", "/"), ("evil", "/"), ("/login", "/"), ("/login?next=/x", "/"), ("/a\nb", "/"),
            ("/a b", "/"), (String(repeating: "/a", count: 2000), "/"),
            // A combining mark or variation selector after the first `/`: one Character to Swift, `//` to a browser.
            ("/\u{FE0F}/evil.example", "/"), ("//\u{FE0F}evil.example", "/"), ("//\u{034F}evil.example", "/"),
            ("/\u{180B}/evil.example", "/"), ("/caf\u{E9}", "/"),
        ]
        for (next, expected) in cases {
            #expect(ReturnPath.sanitize(next, excluding: routes) == expected, "\(String(describing: next))")
        }
    }
}

@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test("quotes followed by combining marks are still escaped (per scalar, not per Character)")
    func combining() {
        #expect(HTML.escape("x\"\u{200D} onfocus=alert(1)") == "x&quot;\u{200D} onfocus=alert(1)")
        #expect(HTML.escape("<a href='x'>&</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")
    }
}
