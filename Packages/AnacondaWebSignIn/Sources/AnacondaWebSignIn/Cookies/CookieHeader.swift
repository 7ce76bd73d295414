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

    /// The value of the first `name=value` pair in `header`: a scan of its bytes (this runs on every request).
    private static func value(of name: String, in header: String) -> String? {
        var header = header
        var name = name
        return header.withUTF8 { bytes in
            name.withUTF8 { wanted in
                var index = 0
                while index < bytes.count {
                    let pairStart = index
                    var equals: Int?
                    while index < bytes.count, bytes[index] != UInt8(ascii: ";") {
                        if equals == nil, bytes[index] == UInt8(ascii: "=") { equals = index }
                        index += 1
                    }
                    let pairEnd = index
                    index += 1
                    guard let equals else { continue }
                    let nameRange = trimmed(bytes, pairStart, equals)
                    guard nameRange.count == wanted.count, !wanted.isEmpty,
                        zip(bytes[nameRange], wanted).allSatisfy({ $0 == $1 })
                    else { continue }
                    var valueRange = trimmed(bytes, equals + 1, pairEnd)
                    if valueRange.count >= 2, bytes[valueRange.lowerBound] == UInt8(ascii: "\""),
                        bytes[valueRange.upperBound - 1] == UInt8(ascii: "\"")
                    {
                        valueRange = (valueRange.lowerBound + 1)..<(valueRange.upperBound - 1)
                    }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[valueRange]), as: UTF8.self)
                }
                return nil
            }
        }
    }

    /// `start..<end` without the spaces and tabs at either end.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var (start, end) = (start, end)
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return start..<end
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
