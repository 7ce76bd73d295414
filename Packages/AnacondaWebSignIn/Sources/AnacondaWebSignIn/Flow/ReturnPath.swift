/// Where a sign-in may send the browser afterwards: only a path on this app (an open redirect is impossible).
enum ReturnPath {
    /// `next` when it is a same-origin path that is not one of the sign-in routes; `/` otherwise.
    static func sanitize(_ next: String?, excluding routes: [String]) -> String {
        guard let next, next.utf8.count <= 2048, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
            next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "\\" })
        else { return "/" }
        let path = next.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? next
        return routes.contains(path) ? "/" : next
    }
}
