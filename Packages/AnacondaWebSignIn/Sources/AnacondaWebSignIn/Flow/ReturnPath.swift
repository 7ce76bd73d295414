/// Where a sign-in may send the browser afterwards: only a path on this app (an open redirect is impossible).
enum ReturnPath {
    /// `next` when it is a same-origin path that is not one of the sign-in routes; `/` otherwise. Checked byte by
    /// byte and printable ASCII only: a `/` followed by a combining mark is one `Character` to Swift but `//` to a
    /// browser (which drops the mark and goes to another host).
    static func sanitize(_ next: String?, excluding routes: [String]) -> String {
        guard let next else { return "/" }
        let bytes = Array(next.utf8)
        guard bytes.count <= 2048, bytes.first == UInt8(ascii: "/"),
            bytes.count == 1 || (bytes[1] != UInt8(ascii: "/") && bytes[1] != UInt8(ascii: "\\")),
            bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") })
        else { return "/" }
        let path =
            next.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? next
        return routes.contains(path) ? "/" : next
    }
}
