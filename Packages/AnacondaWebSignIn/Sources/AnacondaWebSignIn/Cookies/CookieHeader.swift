/// The cookies of a request: `Cookie` header values parsed into name → value (the first of a name wins).
/// Malformed pairs are skipped; nothing here can fail.
public struct RequestCookies: Sendable {
    public private(set) var values: [String: String] = [:]

    public init(headers: [String]) {
        for header in headers {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingCharacters(in: " \t")
                var value = pair[pair.index(after: equals)...].trimmingCharacters(in: " \t")
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                if !name.isEmpty, values[name] == nil { values[name] = value }
            }
        }
    }

    public init(_ values: [String: String]) {
        self.values = values
    }

    public subscript(_ name: String) -> String? { values[name] }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let start = firstIndex(where: { !characters.contains($0) }),
            let end = lastIndex(where: { !characters.contains($0) })
        else { return "" }
        return String(self[start...end])
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
