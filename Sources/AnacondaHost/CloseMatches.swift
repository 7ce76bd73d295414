/// "Did you mean ...?" for a mistyped command or option, as click finds it: Python's
/// `difflib.get_close_matches(word, possibilities, n=3, cutoff=0.6)` (the similarity ratio of
/// `SequenceMatcher`, 2·matches / total length, best first).
enum CloseMatches {
    static func of(_ word: String, in possibilities: [String], count: Int = 3, cutoff: Double = 0.6) -> [String] {
        let target = Array(word.unicodeScalars)
        return
            possibilities
            .map { ($0, ratio(target, Array($0.unicodeScalars))) }
            .filter { $0.1 >= cutoff }
            .sorted { $0.1 > $1.1 }
            .prefix(count)
            .map(\.0)
    }

    /// `SequenceMatcher(None, a, b).ratio()` for short strings (no junk heuristics apply below 200 elements).
    static func ratio(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        return 2 * Double(matches(a[...], b[...])) / Double(a.count + b.count)
    }

    /// The number of elements in matching blocks: the longest common run (leftmost in `a`, then in `b`), then
    /// recursively left and right of it.
    private static func matches(_ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>) -> Int {
        var best = (length: 0, i: a.startIndex, j: b.startIndex)
        for i in a.indices {
            for j in b.indices {
                var length = 0
                while i + length < a.endIndex, j + length < b.endIndex, a[i + length] == b[j + length] { length += 1 }
                if length > best.length { best = (length, i, j) }
            }
        }
        guard best.length > 0 else { return 0 }
        return best.length + matches(a[..<best.i], b[..<best.j])
            + matches(a[(best.i + best.length)...], b[(best.j + best.length)...])
    }
}
