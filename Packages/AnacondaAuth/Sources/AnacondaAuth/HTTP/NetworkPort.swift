/// Port numbers written in URLs, domains and proxy settings, read the same way everywhere: digits only (at most
/// five) within 0...65535. (`URLComponents` accepts 70000, and silently drops a number too long for `Int`.)
enum NetworkPort {
    /// The number `digits` spell, or `nil` when they are not a port.
    static func parse(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(digits), number <= 65535
        else { return nil }
        return number
    }

    /// The authority of `scheme://authority/path?query`, if the text has a scheme.
    static func authority(of url: String) -> Substring? {
        guard let scheme = url.firstRange(of: "://") else { return nil }
        return url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    }

    /// The port text of an authority (`user@host:port`, `[v6]:port`), if one is written (possibly empty).
    static func text(inAuthority authority: Substring) -> Substring? {
        let hostPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { return nil }
            let after = hostPort[hostPort.index(after: close)...]
            return after.hasPrefix(":") ? after.dropFirst() : nil
        }
        let parts = hostPort.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 ? parts[1] : nil
    }
}
