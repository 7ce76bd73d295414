/// The line structure of a TOML file: which lines are table headers and which lines hold which keys. Used to
/// edit a user's file in place, keeping comments, blank lines and tables the edit does not touch.
struct TOMLOutline {
    /// One `[table]` (or the root, before the first header) and the lines up to the next header.
    struct Section: Equatable {
        /// The table's key path; empty for the root.
        var path: [String]
        var isArrayOfTables: Bool
        /// The header's line index; `nil` for the root.
        var headerLine: Int?
        /// The lines after the header, up to the next header.
        var body: Range<Int>
    }

    /// A `key = value` line (a value may continue over several lines).
    struct Assignment: Equatable {
        var key: [String]
        var lines: Range<Int>
    }

    private(set) var lines: [String]
    private(set) var sections: [Section] = []
    private(set) var assignments: [Int: [Assignment]] = [:]  // by section index
    /// The file started with a UTF-8 byte-order mark, which an edit keeps.
    private let hasByteOrderMark: Bool
    /// `\r\n` when the file uses Windows line endings (an edit keeps them), else `\n`.
    private let lineEnding: String

    init(text: String) {
        hasByteOrderMark = text.hasPrefix("\u{FEFF}")
        lineEnding = text.contains("\r\n") ? "\r\n" : "\n"
        let body = hasByteOrderMark ? String(text.dropFirst()) : text
        // "\r\n" is one Character in Swift: both endings are separators.
        lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        scan()
    }

    var text: String { text(of: lines) }

    /// `lines` as file text, with this file's line endings and byte-order mark.
    func text(of lines: [String]) -> String {
        let body = lines.isEmpty ? "" : lines.joined(separator: lineEnding) + lineEnding
        return hasByteOrderMark ? "\u{FEFF}" + body : body
    }

    private mutating func scan() {
        sections = [Section(path: [], isArrayOfTables: false, headerLine: nil, body: 0..<0)]
        assignments = [:]
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.hasPrefix("["), let header = Self.header(trimmed) {
                sections[sections.count - 1].body = bodyStart(of: sections.count - 1)..<index
                sections.append(
                    Section(path: header.path, isArrayOfTables: header.isArray, headerLine: index, body: index..<index))
                index += 1
                continue
            }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = Self.assignmentEquals(trimmed),
                let key = TOMLKeyPath.parse(trimmed[..<equals])
            {
                let end = Self.valueEnd(lines: lines, from: index, valueStart: trimmed[trimmed.index(after: equals)...])
                assignments[sections.count - 1, default: []].append(Assignment(key: key, lines: index..<(end + 1)))
                index = end + 1
                continue
            }
            index += 1
        }
        sections[sections.count - 1].body = bodyStart(of: sections.count - 1)..<lines.count
    }

    private func bodyStart(of section: Int) -> Int {
        sections[section].headerLine.map { $0 + 1 } ?? 0
    }

    /// `[a.b]` or `[[a.b]]` followed by nothing but an optional comment.
    private static func header(_ line: Substring) -> (path: [String], isArray: Bool)? {
        let isArray = line.hasPrefix("[[")
        let open = isArray ? 2 : 1
        let close = isArray ? "]]" : "]"
        var body = line.dropFirst(open)
        // The header ends at the first closing bracket outside quotes.
        var quote: Character?
        var end: Substring.Index?
        for position in body.indices {
            let character = body[position]
            if let current = quote {
                if character == current { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "]" {
                end = position
                break
            }
        }
        guard let end, body[end...].hasPrefix(close) else { return nil }
        let rest = body[body.index(end, offsetBy: close.count)...].drop(while: { $0 == " " || $0 == "\t" })
        guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
        body = body[..<end]
        guard let path = TOMLKeyPath.parse(body) else { return nil }
        return (path, isArray)
    }

    /// The `=` of `key = value`, outside quoted key parts.
    private static func assignmentEquals(_ line: Substring) -> Substring.Index? {
        var quote: Character?
        for position in line.indices {
            let character = line[position]
            if let current = quote {
                if character == current { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return position
            } else if character == "#" {
                return nil
            }
        }
        return nil
    }

    /// The last line of a value that may span lines (multi-line strings, arrays, inline tables).
    private static func valueEnd(lines: [String], from start: Int, valueStart: Substring) -> Int {
        var depth = 0
        var line = start
        var text = valueStart
        var multiline: String?
        while true {
            var index = text.startIndex
            while index < text.endIndex {
                let rest = text[index...]
                if let delimiter = multiline {
                    if rest.hasPrefix(delimiter) {
                        multiline = nil
                        index = text.index(index, offsetBy: 3)
                        continue
                    }
                    if delimiter == "\"\"\"", rest.hasPrefix("\\") { index = text.index(after: index) }
                } else if rest.hasPrefix("\"\"\"") || rest.hasPrefix("'''") {
                    multiline = String(rest.prefix(3))
                    index = text.index(index, offsetBy: 3)
                    continue
                } else if rest.first == "\"" || rest.first == "'" {
                    let quote = rest.first!
                    index = text.index(after: index)
                    while index < text.endIndex, text[index] != quote {
                        if quote == "\"", text[index] == "\\" { index = text.index(after: index) }
                        if index < text.endIndex { index = text.index(after: index) }
                    }
                } else if rest.first == "#" {
                    break
                } else if rest.first == "[" || rest.first == "{" {
                    depth += 1
                } else if rest.first == "]" || rest.first == "}" {
                    depth -= 1
                }
                if index < text.endIndex { index = text.index(after: index) }
            }
            if (depth <= 0 && multiline == nil) || line + 1 >= lines.count { return line }
            line += 1
            text = Substring(lines[line])
        }
    }

    // MARK: - Queries

    /// Index of the section with exactly this path (the first one for arrays of tables).
    func section(_ path: [String]) -> Int? {
        sections.firstIndex { $0.path == path }
    }

    func assignment(_ key: String, inSection sectionIndex: Int) -> Assignment? {
        assignments[sectionIndex]?.first { $0.key == [key] }
    }

    // MARK: - Edits

    /// Replaces `range` of lines with `replacement` and rescans.
    mutating func replaceLines(_ range: Range<Int>, with replacement: [String]) {
        lines.replaceSubrange(range, with: replacement)
        scan()
    }
}
