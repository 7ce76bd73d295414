import AnacondaPluginAPI
import Foundation
import Glibc
import Testing

@testable import AnacondaAuth

/// Inputs from outside that used to trap or hang (see the audit in the issue): each ends in a clear error or a
/// bounded value now.
@Suite("hostile input")
struct HostileInputTests {
    func response(_ status: Int, location: String) -> HTTPTransportResponse {
        HTTPTransportResponse(statusCode: status, reason: "", headers: [("Location", location)], body: [])
    }

    let request = HTTPTransportRequest(
        method: "POST", url: "https://api.example.com/api/x",
        headers: [("Authorization", "Bearer k"), ("Content-Type", "application/json")], body: [1])

    @Test(
        "a redirect to a port past 65535, another scheme or a too-long port is refused before connecting",
        arguments: [
            "https://127.0.0.1:65536/", "https://[::1]:70000/x", "ftp://example.com/",
            "https://x:99999999999999999999/",
            "file:///etc/passwd", "https:///nohost",
        ])
    func badRedirects(location: String) {
        #expect(throws: AnacondaError.self) {
            try Redirects.next(after: response(302, location: location), to: request)
        }
    }

    @Test("redirects: relative locations resolve; a new host loses Authorization; 303 and POST→302 become GET")
    func redirects() throws {
        let same = try #require(try Redirects.next(after: response(307, location: "/api/y?a=1"), to: request))
        #expect(same.url == "https://api.example.com/api/y?a=1")
        #expect(same.method == "POST" && same.body == [1])
        #expect(same.headers.contains { $0.0 == "Authorization" })
        let other = try #require(
            try Redirects.next(after: response(303, location: "https://cdn.example.com/z"), to: request))
        #expect(other.method == "GET" && other.body == nil)
        #expect(!other.headers.contains { $0.0 == "Authorization" || $0.0 == "Content-Type" })
        #expect(
            try Redirects.next(
                after: HTTPTransportResponse(statusCode: 302, reason: "", headers: [], body: []), to: request) == nil)
        #expect(try Redirects.next(after: response(200, location: "/x"), to: request) == nil)
    }

    @Test(
        "query and form pairs with empty names or values never trap", arguments: ["=", "&=&", "=x", "a=", "==", "&&"])
    func formPairs(text: String) {
        let pairs = FormEncoding.pairs(text)
        #expect(pairs.allSatisfy { !$0.name.contains("=") || $0.value.isEmpty })
        #expect(LoopbackRedirectReceiver.formItems(text).count == pairs.count)
    }

    @Test(
        "redirect_uri with a port that is not 0–65535 is a ValueError, not a trap",
        arguments: [
            "http://127.0.0.1:70000/auth/oidc", "http://127.0.0.1:99999999999999999999/", "http://127.0.0.1:-1/",
        ])
    func redirectURIPorts(uri: String) {
        #expect(throws: AnacondaError.self) { try LoopbackRedirectReceiver(redirectURI: uri) }
    }

    @Test("TOML nesting past the limit is a syntax error, not a stack overflow")
    func tomlNesting() {
        let deep = [
            "a = " + String(repeating: "[", count: 100_000) + "\n",
            "a = " + String(repeating: "{b = ", count: 20_000) + "\n",
            Array(repeating: "a", count: 20_000).joined(separator: ".") + " = 1\n",
            "[" + Array(repeating: "a", count: 20_000).joined(separator: ".") + "]\n",
        ]
        for text in deep {
            #expect(throws: TOMLParser.SyntaxError.self) { try TOMLParser.parse(text) }
        }
        let fine = "a = " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "\n"
        #expect((try? TOMLParser.parse(fine)) != nil)
    }

    @Test("many [[a]] headers: every table kept, in order")
    func arrayOfTables() throws {
        let text = (0..<5_000).map { "[[a]]\nn = \($0)\n" }.joined()
        guard case .array(let tables)? = try TOMLParser.parse(text)["a"] else { Issue.record("no array"); return }
        #expect(tables.count == 5_000)
        #expect(tables.last?["n"] == .integer(4_999))
    }

    @Test("a CRLF config.toml is edited line by line and keeps its line endings")
    func crlfEdits() throws {
        let text =
            "default_site = \"a\"\r\n\r\n[sites.a]\r\ndomain = \"a.example.com\"\r\n\r\n[sites.b]\r\ndomain = \"b.example.com\"\r\n"
        var editor = SitesConfigEditor(text: text)
        editor.setDefaultSite("b")
        try editor.writeSite("a", values: [("domain", .string("c.example.com"))])
        let document = try TOMLParser.parse(editor.text)
        #expect(document["default_site"] == .string("b"))
        #expect(document["sites"]?["a"]?["domain"] == .string("c.example.com"))
        #expect(!editor.text.replacing("\r\n", with: "").contains("\n"), "every line ends in CRLF")
    }

    @Test(
        "a domain with a port outside 1–65535 is a configuration error",
        arguments: ["127.0.0.1:70000", "[::1]:0", "x:port", "h:123456"])
    func domainPorts(domain: String) {
        #expect(throws: SiteValueParser.Invalid.self) { try SiteValueParser.domain(.string(domain)) }
        #expect((try? SiteValueParser.domain(.string("localhost:8443"))) == "localhost:8443")
    }

    @Test("an invalid proxy port names where the proxy came from, never the URL (it may hold a password)")
    func proxyPorts() throws {
        do {
            _ = try ProxySelection.choose(
                forHost: "anaconda.com", scheme: "https", configured: nil,
                environment: ["HTTPS_PROXY": "http://user:s3cret@proxy:70000"])
            Issue.record("accepted")
        } catch let error as AnacondaError {
            #expect(error.message.contains("HTTPS_PROXY"))
            #expect(!error.message.contains("s3cret"))
        }
        let good = try ProxySelection.choose(
            forHost: "anaconda.com", scheme: "https", configured: ["https": "http://proxy:3128"], environment: [:])
        #expect(good?.port == 3128)
    }

    @Test("files that are not regular (a device, a FIFO) or too large are refused without blocking")
    func regularFiles() throws {
        #expect(RegularFile.read("/dev/zero") == .failure(.notRegular))
        #expect(RegularFile.read("/nonexistent/x") == .failure(.missing))
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        #expect(RegularFile.read(fifo) == .failure(.notRegular))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString)").path
        try Data(repeating: 0x20, count: 2048).write(to: URL(fileURLWithPath: file))
        defer { unlink(file) }
        #expect(RegularFile.read(file, limit: 1024) == .failure(.tooLarge(limit: 1024)))
        #expect((try? RegularFile.read(file).get())?.count == 2048)
    }

    @Test("a keyring file that is a device is one KeyringError, and nothing is written")
    func keyringDevice() {
        let keyring = FileKeyring(path: "/dev/zero")
        #expect(throws: AnacondaError.self) { try keyring.password(service: "Anaconda Cloud", account: "x") }
    }

    @Test("JWT exp that is not a finite number is a DecodeError")
    func jwtExp() {
        func token(_ payload: String) -> String {
            "e30." + Data(payload.utf8).base64EncodedString().replacing("=", with: "") + ".c2ln"
        }
        #expect(throws: AnacondaError.self) { try JWTClaims.expiration(of: token(#"{"exp": "soon"}"#)) }
        #expect(throws: AnacondaError.self) { try JWTClaims.expiration(of: token(#"{"exp": 1e999}"#)) }
        #expect((try? JWTClaims.expiration(of: token(#"{"exp": 4102444800}"#))) != nil)
    }
}
