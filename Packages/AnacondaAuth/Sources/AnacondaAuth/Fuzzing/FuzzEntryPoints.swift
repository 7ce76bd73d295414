import AnacondaCore
import FoundationEssentials

/// Entry points for the project's libFuzzer targets (`Fuzz/`): each runs this library's own parsing or response
/// handling on arbitrary bytes, the way the library runs it on input from outside, and checks what must hold
/// (a written value reads back the same). Errors are expected; a trap, a hang or a failed check is a finding.
/// Not API: reachable only with `@_spi(Fuzzing) import AnacondaAuth`.
@_spi(Fuzzing) public enum FuzzEntryPoints {
    /// `config.toml`: the parser, then the in-place editor that `anaconda sites` runs on the same text.
    public static func toml(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        guard let document = try? TOMLParser.parse(text) else { return }
        var editor = SitesConfigEditor(text: text)
        editor.setDefaultSite("fuzz")
        try? editor.writeSite("fuzz", values: [("domain", .string("fuzz.example.com")), ("ssl_verify", .bool(false))])
        editor.removeSite("fuzz")
        _ = SitesConfigEditor(text: editor.text)
        if case .object(let members) = document, let first = members.first {
            var other = SitesConfigEditor(text: text)
            other.removeSite(first.key)
        }
    }

    /// A TOML document as the config loader reads it (UTF-8 text, then the parser), for the conformance script.
    public static func decodeTOML(_ bytes: [UInt8]) throws -> JSONValue {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw AnacondaError(.anacondaConfigTomlSyntaxError, message: "the file is not UTF-8 text")
        }
        return try TOMLParser.parse(text)
    }

    /// The `~/.anaconda/keyring` file: the document, then every entry as a stored login, written back and read again.
    public static func keyringFile(_ bytes: [UInt8]) {
        let corrupt: (String) -> AnacondaError = { AnacondaError(.keyringError, message: $0) }
        guard let document = try? FileKeyring.document(from: bytes, corrupt: corrupt) else { return }
        guard case .object(let services) = document else { return }
        for service in services {
            guard case .object(let accounts) = service.value else { continue }
            for account in accounts {
                guard let value = account.value.stringValue else { continue }
                tokenRecord(value, domain: account.key)
            }
        }
        check(try? JSONValue.parse(JSONWriter.python.string(document)), equals: document, "keyring document")
    }

    /// One keyring value (base64 JSON) and the JWT inside it.
    public static func token(_ bytes: [UInt8]) {
        tokenRecord(String(decoding: bytes, as: UTF8.self), domain: "fuzz.example.com")
        _ = try? JWTClaims.expiration(of: String(decoding: bytes, as: UTF8.self))
    }

    private static func tokenRecord(_ value: String, domain: String) {
        guard let info = try? TokenInfo.decode(value, domain: domain) else { return }
        _ = try? info.isExpired(now: Date())
        let again = try? TokenInfo.decode(info.encoded(), domain: domain)
        check(again?.apiKey, equals: info.apiKey, "api_key after a rewrite")
        check(again?.repoTokens, equals: info.repoTokens, "repo_tokens after a rewrite")
    }

    /// A `.env` file.
    public static func dotEnv(_ bytes: [UInt8]) {
        _ = DotEnvFile(text: String(decoding: bytes, as: UTF8.self))
    }

    /// `Retry-After` and HTTP dates: every wait is bounded.
    public static func httpDate(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = HTTPDate.parse(text)
        if let wait = RetryPolicy.parseRetryAfter(text, now: Date()) {
            precondition(wait >= .zero && wait <= RetryPolicy.longestRetryAfter, "Retry-After wait out of bounds")
        }
        _ = RetryPolicy().delay(attempt: Int(bytes.first ?? 1), retryAfter: text, now: Date())
    }

    /// Form bodies and query strings: decoding never traps; escaping then decoding gives the text back.
    public static func form(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = FormEncoding.pairs(text)
        _ = LoopbackRedirectReceiver.formItems(text)
        check(FormEncoding.unescape(FormEncoding.escape(text)), equals: text, "form escaping round trip")
    }

    /// The answers the client reads during a login and after it: the first byte picks the status, the rest is the
    /// body, handled by the same code as a real response.
    public static func responses(_ bytes: [UInt8]) {
        let statuses = [200, 201, 202, 204, 301, 400, 401, 403, 404, 429, 500, 503]
        let status = statuses[Int(bytes.first ?? 0) % statuses.count]
        let body = Array(bytes.dropFirst())
        let response = AnacondaResponse(
            statusCode: status, reason: "Fuzz", headers: [("Retry-After", "1")], body: body,
            url: "https://fuzz.example.com/api", authorizationSent: true, site: "fuzz")
        _ = try? response.raiseForStatus()
        _ = response.serverErrorCode
        _ = try? DeviceFlow.outcome(of: response)
        _ = LoginService.mintedKey(from: response)
        _ = try? AuthorizationCodeFlow.accessToken(from: response)
        guard let json = try? response.json() else { return }
        _ = try? DeviceFlow.Authorization(json)
        _ = try? OpenIDConfiguration(document: json, from: response.url)
        // whoami: the account with the domain added, written as the command prints it, must read back the same.
        let account = json.setting("domain", to: .string("fuzz.example.com"))
        let printed = JSONWriter.indented(2, sortKeys: true, asciiOnly: false).string(account)
        check(try? JSONValue.parse(printed), equals: sortedKeys(account), "whoami output")
    }

    /// `value` with every object's members sorted by key, as `sortKeys` writes them.
    private static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            .object(members.sorted { $0.key < $1.key }.map { JSONValue.Member($0.key, sortedKeys($0.value)) })
        case .array(let elements): .array(elements.map(sortedKeys))
        default: value
        }
    }

    /// A failed check is a finding: the fuzzer stops and keeps the input.
    private static func check<T: Equatable>(_ actual: T?, equals expected: T?, _ what: String) {
        precondition(actual == expected, "fuzz check failed: \(what)")
    }
}
