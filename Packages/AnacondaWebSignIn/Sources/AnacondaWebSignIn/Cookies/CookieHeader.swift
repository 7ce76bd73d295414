/// The cookies of a request, read from its `Cookie` header values on demand (a lookup scans the headers without
/// building a table: the middleware reads one or two cookies per request). The first cookie of a name wins;
/// malformed pairs are skipped; nothing here can fail.
public struct RequestCookies: Sendable {
    private let headers: [String]

    public init(headers: [String]) {
        self.headers = headers
    }

    public init(_ values: [String: String]) {
        headers = values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    public subscript(_ name: String) -> String? {
        for header in headers {
            if let value = Self.value(of: name, in: header) { return value }
        }
        return nil
    }

    /// Every cookie, by name.
    public var values: [String: String] {
        var values: [String: String] = [:]
        for header in headers {
            Self.forEachPair(in: header) { name, value in
                let key = String(Substring(name))
                if values[key] == nil { values[key] = Self.unquoted(value) }
                return false
            }
        }
        return values
    }

    private static func value(of name: String, in header: String) -> String? {
        var found: String?
        forEachPair(in: header) { pairName, value in
            guard pairName.elementsEqual(name.utf8) else { return false }
            found = unquoted(value)
            return true
        }
        return found
    }

    /// Calls `body` with each `name=value` pair's trimmed name and value until it returns true.
    private static func forEachPair(
        in header: String, _ body: (Substring.UTF8View, Substring.UTF8View) -> Bool
    ) {
        let text = Substring(header)
        for pair in text.utf8.split(separator: UInt8(ascii: ";")) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = trimmed(pair[..<equals])
            guard !name.isEmpty else { continue }
            if body(name, trimmed(pair[pair.index(after: equals)...])) { return }
        }
    }

    private static func trimmed(_ text: Substring.UTF8View) -> Substring.UTF8View {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let start = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return text[text.endIndex...] }
        return text[start...last]
    }

    private static func unquoted(_ value: Substring.UTF8View) -> String {
        if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
            return String(Substring(value.dropFirst().dropLast()))
        }
        return String(Substring(value))
    }
}

/// A `Set-Cookie` header: always `HttpOnly` and `SameSite=Lax`; `Secure` when the app is served over HTTPS.
public struct SetCookie: Sendable, Equatable {
    public var name: String
    public var value: String
    /// Seconds; 0 deletes the cookie; `nil` makes a session cookie.
    public var maxAge: Int?
    public var path: String
    public var secure: Bool

    public init(name: String, value: String, maxAge: Int?, path: String = "/", secure: Bool) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.path = path
        self.secure = secure
    }

    /// A header that deletes the cookie `name` at `path`.
    public static func deletion(_ name: String, path: String = "/", secure: Bool) -> SetCookie {
        SetCookie(name: name, value: "", maxAge: 0, path: path, secure: secure)
    }

    public var headerValue: String {
        var header = "\(name)=\(value); Path=\(path)"
        if let maxAge { header += "; Max-Age=\(maxAge)" }
        header += "; HttpOnly; SameSite=Lax"
        if secure { header += "; Secure" }
        return header
    }
}
