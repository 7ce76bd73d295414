/// A unified diff of two lists of lines that matches Python's `difflib.unified_diff(..., lineterm="")` byte for
/// byte, so `anaconda sites` shows the same diff as the Python reference implementation.
///
/// It is a faithful port of `difflib.SequenceMatcher` (no junk function, `autojunk=True`): the same longest-match
/// search, the same recursive split and block merging, the same grouping into hunks.
public enum UnifiedDiff {
    /// The lines (without terminators) of `difflib.unified_diff(a, b, fromFile, toFile, fromDate, toDate,
    /// n: context, lineterm: "")`; empty when `a == b`. A negative `context` is treated as 0.
    public static func lines(
        from a: [String],
        to b: [String],
        fromFile: String,
        toFile: String,
        fromDate: String = "",
        toDate: String = "",
        context: Int = 3
    ) -> [String] {
        // Python compares lines by code points, Swift `String` by canonical equivalence: compare UTF-8 bytes.
        var ids: [[UInt8]: Int] = [:]
        func id(_ line: String) -> Int {
            let key = Array(line.utf8)
            if let known = ids[key] { return known }
            ids[key] = ids.count
            return ids.count - 1
        }
        let matcher = SequenceMatcher(a: a.map(id), b: b.map(id))
        let groups = matcher.groupedOpcodes(context: max(0, context))
        guard !groups.isEmpty else { return [] }

        var output = [
            "--- " + fromFile + (fromDate.isEmpty ? "" : "\t" + fromDate),
            "+++ " + toFile + (toDate.isEmpty ? "" : "\t" + toDate),
        ]
        for group in groups {
            guard let first = group.first, let last = group.last else { continue }
            let fromRange = formatRange(start: first.i1, stop: last.i2)
            let toRange = formatRange(start: first.j1, stop: last.j2)
            output.append("@@ -\(fromRange) +\(toRange) @@")
            for code in group {
                switch code.tag {
                case .equal:
                    output += a[code.i1..<code.i2].map { " " + $0 }
                case .replace:
                    output += a[code.i1..<code.i2].map { "-" + $0 }
                    output += b[code.j1..<code.j2].map { "+" + $0 }
                case .delete:
                    output += a[code.i1..<code.i2].map { "-" + $0 }
                case .insert:
                    output += b[code.j1..<code.j2].map { "+" + $0 }
                }
            }
        }
        return output
    }

    /// `difflib._format_range_unified`: "start,length" (1-based), just "start" for one line, "start-1,0" for none.
    private static func formatRange(start: Int, stop: Int) -> String {
        let length = stop - start
        if length == 1 { return "\(start + 1)" }
        return "\(length == 0 ? start : start + 1),\(length)"
    }
}

/// One step of turning `a` into `b`, as in `SequenceMatcher.get_opcodes`.
private struct Opcode: Equatable {
    enum Tag { case replace, delete, insert, equal }

    var tag: Tag
    var i1: Int
    var i2: Int
    var j1: Int
    var j2: Int
}

/// `a[a..<a+size] == b[b..<b+size]`, as `difflib.Match`.
private struct Match: Comparable {
    var a: Int
    var b: Int
    var size: Int

    static func < (lhs: Match, rhs: Match) -> Bool {
        (lhs.a, lhs.b, lhs.size) < (rhs.a, rhs.b, rhs.size)
    }
}

/// Port of `difflib.SequenceMatcher(None, a, b)` over line ids.
private struct SequenceMatcher {
    let a: [Int]
    let b: [Int]
    /// For each element of `b` that is not popular, the indices where it occurs, ascending.
    private let b2j: [Int: [Int]]

    init(a: [Int], b: [Int]) {
        self.a = a
        self.b = b
        self.b2j = Self.chain(b)
    }

    /// `SequenceMatcher.__chain_b` with `autojunk=True`: in a `b` of 200+ items, elements occurring more than
    /// `len(b) / 100 + 1` times are "popular" and dropped from the index.
    private static func chain(_ b: [Int]) -> [Int: [Int]] {
        var b2j: [Int: [Int]] = [:]
        for (index, element) in b.enumerated() {
            b2j[element, default: []].append(index)
        }
        if b.count >= 200 {
            let limit = b.count / 100 + 1
            b2j = b2j.filter { $0.value.count <= limit }
        }
        return b2j
    }

    /// `find_longest_match(alo, ahi, blo, bhi)`. With no junk function the only junk is the popular set, and
    /// popular elements are never junk for the extension loops (`bjunk` is empty), so only the first two run.
    private func longestMatch(alo: Int, ahi: Int, blo: Int, bhi: Int) -> Match {
        var best = Match(a: alo, b: blo, size: 0)
        var j2len: [Int: Int] = [:]
        for i in alo..<ahi {
            var newJ2len: [Int: Int] = [:]
            for j in b2j[a[i]] ?? [] {
                if j < blo { continue }
                if j >= bhi { break }
                let k = (j2len[j - 1] ?? 0) + 1
                newJ2len[j] = k
                if k > best.size {
                    best = Match(a: i - k + 1, b: j - k + 1, size: k)
                }
            }
            j2len = newJ2len
        }
        while best.a > alo, best.b > blo, a[best.a - 1] == b[best.b - 1] {
            best = Match(a: best.a - 1, b: best.b - 1, size: best.size + 1)
        }
        while best.a + best.size < ahi, best.b + best.size < bhi, a[best.a + best.size] == b[best.b + best.size] {
            best.size += 1
        }
        return best
    }

    /// `get_matching_blocks`: the queue-driven split, sorted, adjacent blocks merged, ending with the
    /// `(len(a), len(b), 0)` sentinel.
    func matchingBlocks() -> [Match] {
        var queue = [(alo: 0, ahi: a.count, blo: 0, bhi: b.count)]
        var blocks: [Match] = []
        while let (alo, ahi, blo, bhi) = queue.popLast() {
            let match = longestMatch(alo: alo, ahi: ahi, blo: blo, bhi: bhi)
            guard match.size > 0 else { continue }
            blocks.append(match)
            if alo < match.a, blo < match.b {
                queue.append((alo, match.a, blo, match.b))
            }
            if match.a + match.size < ahi, match.b + match.size < bhi {
                queue.append((match.a + match.size, ahi, match.b + match.size, bhi))
            }
        }
        blocks.sort()

        var merged: [Match] = []
        var current = Match(a: 0, b: 0, size: 0)
        for block in blocks {
            if current.a + current.size == block.a, current.b + current.size == block.b {
                current.size += block.size
            } else {
                if current.size > 0 { merged.append(current) }
                current = block
            }
        }
        if current.size > 0 { merged.append(current) }
        merged.append(Match(a: a.count, b: b.count, size: 0))
        return merged
    }

    /// `get_opcodes`.
    func opcodes() -> [Opcode] {
        var i = 0
        var j = 0
        var codes: [Opcode] = []
        for block in matchingBlocks() {
            let tag: Opcode.Tag? =
                if i < block.a && j < block.b { .replace } else if i < block.a { .delete } else if j < block.b {
                    .insert
                } else { nil }
            if let tag { codes.append(Opcode(tag: tag, i1: i, i2: block.a, j1: j, j2: block.b)) }
            i = block.a + block.size
            j = block.b + block.size
            if block.size > 0 { codes.append(Opcode(tag: .equal, i1: block.a, i2: i, j1: block.b, j2: j)) }
        }
        return codes
    }

    /// `get_grouped_opcodes(n)`: hunks with up to `context` lines of context (`context` must be >= 0).
    func groupedOpcodes(context n: Int) -> [[Opcode]] {
        var codes = opcodes()
        if codes.isEmpty { codes = [Opcode(tag: .equal, i1: 0, i2: 1, j1: 0, j2: 1)] }
        if codes[0].tag == .equal {
            let code = codes[0]
            codes[0] = Opcode(
                tag: .equal, i1: max(code.i1, code.i2 - n), i2: code.i2,
                j1: max(code.j1, code.j2 - n), j2: code.j2)
        }
        let lastIndex = codes.count - 1
        if codes[lastIndex].tag == .equal {
            let code = codes[lastIndex]
            codes[lastIndex] = Opcode(
                tag: .equal, i1: code.i1, i2: min(code.i2, code.i1 + n),
                j1: code.j1, j2: min(code.j2, code.j1 + n))
        }

        var groups: [[Opcode]] = []
        var group: [Opcode] = []
        for var code in codes {
            if code.tag == .equal, code.i2 - code.i1 > n + n {
                group.append(
                    Opcode(
                        tag: .equal, i1: code.i1, i2: min(code.i2, code.i1 + n),
                        j1: code.j1, j2: min(code.j2, code.j1 + n)))
                groups.append(group)
                group = []
                code.i1 = max(code.i1, code.i2 - n)
                code.j1 = max(code.j1, code.j2 - n)
            }
            group.append(code)
        }
        if !group.isEmpty, !(group.count == 1 && group[0].tag == .equal) {
            groups.append(group)
        }
        return groups
    }
}
