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
        var name = name
        return name.withUTF8 { wanted in
            for header in headers {
                var found: String?
                Self.forEachPair(in: header) { bytes, nameRange, valueRange in
                    guard bytes[nameRange].elementsEqual(wanted) else { return false }
                    found = Self.text(bytes, valueRange)
                    return true
                }
                if let found { return found }
            }
            return nil
        }
    }

    /// Every cookie, by name.
    public var values: [String: String] {
        var values: [String: String] = [:]
        for header in headers {
            Self.forEachPair(in: header) { bytes, nameRange, valueRange in
                let name = Self.text(bytes, nameRange)
                if values[name] == nil { values[name] = Self.text(bytes, valueRange) }
                return false
            }
        }
        return values
    }

    /// Calls `body` with each `name=value` pair of `header` (the ranges trimmed of spaces and tabs, the value's
    /// quotes removed; pairs without `=` or a name skipped) until it returns true. A scan of the header's bytes:
    /// this runs on every request.
    private static func forEachPair(
        in header: String, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>, Range<Int>) -> Bool
    ) {
        var header = header
        header.withUTF8 { bytes in
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
                guard !nameRange.isEmpty else { continue }
                var valueRange = trimmed(bytes, equals + 1, pairEnd)
                if valueRange.count >= 2, bytes[valueRange.lowerBound] == UInt8(ascii: "\""),
                    bytes[valueRange.upperBound - 1] == UInt8(ascii: "\"")
                {
                    valueRange = (valueRange.lowerBound + 1)..<(valueRange.upperBound - 1)
                }
                if body(bytes, nameRange, valueRange) { return }
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

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
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
