import AnacondaCore

/// Edits the sites part of a `config.toml` text in place: `default_site`, `[sites.<name>]` tables and their
/// sub-tables. Everything else in the file (comments, blank lines, other tables, key order) stays as it was.
public struct SitesConfigEditor {
    private var outline: TOMLOutline

    public init(text: String) {
        outline = TOMLOutline(text: text)
    }

    /// The edited text, ending with exactly one newline (or empty).
    public var text: String {
        var lines = outline.lines
        while lines.last?.trimmingWhitespace().isEmpty == true { lines.removeLast() }
        return outline.text(of: lines)
    }

    /// Sets the top-level `default_site`, keeping an inline comment; a new key goes after the file's leading
    /// comment lines, before the first blank line or table.
    public mutating func setDefaultSite(_ name: String) {
        let line = "default_site = \(TOMLText.basicString(name))"
        if let existing = outline.assignment("default_site", inSection: 0) {
            replace(existing, with: line)
            return
        }
        var index = 0
        while index < outline.lines.count, outline.lines[index].trimmingWhitespace().hasPrefix("#") { index += 1 }
        let followedByTable =
            index < outline.lines.count && !outline.lines[index].trimmingWhitespace().isEmpty
            && outline.sections.count > 1 && outline.sections[1].headerLine == index
        outline.replaceLines(index..<index, with: followedByTable ? [line, ""] : [line])
    }

    /// Creates or updates `[sites.<name>]`: each scalar key is set in place (or added after the table's last key);
    /// each table value (`extra_headers`, `proxy_servers`, ...) replaces the sub-table `[sites.<name>.<key>]`.
    public mutating func writeSite(_ name: String, values: [(key: String, value: JSONValue)]) throws {
        let path = ["sites", name]
        if outline.section(path) == nil {
            if let sitesTable = outline.section(["sites"]), outline.assignment(name, inSection: sitesTable) != nil {
                throw AnacondaError(
                    .valueError,
                    message: "The site \(name) is written as an inline table; edit it in the config file by hand")
            }
            insertNewSite(name, values: values)
            return
        }
        for (key, value) in values {
            if case .object(let members) = value {
                writeSubtable(path + [key], members: members)
            } else if let sectionIndex = outline.section(path) {
                let line = "\(TOMLKeyPath.quote(key)) = \(TOMLText.value(value))"
                if let existing = outline.assignment(key, inSection: sectionIndex) {
                    replace(existing, with: line)
                } else {
                    let after =
                        outline.assignments[sectionIndex]?.last?.lines.upperBound
                        ?? (outline.sections[sectionIndex].headerLine.map { $0 + 1 } ?? 0)
                    outline.replaceLines(after..<after, with: [line])
                }
            }
        }
    }

    /// Deletes `[sites.<name>]` and its sub-tables, and the blank line before them.
    public mutating func removeSite(_ name: String) {
        while let index = outline.sections.lastIndex(where: { $0.path.starts(with: ["sites", name]) }) {
            guard var start = outline.sections[index].headerLine else { return }
            // The blank line before the table goes with it; the blank lines after it stay as separators.
            var end = contentEnd(of: index)
            if start > 0, outline.lines[start - 1].trimmingWhitespace().isEmpty {
                start -= 1
            } else {
                end = outline.sections[index].body.upperBound
            }
            outline.replaceLines(start..<end, with: [])
        }
        if let sitesTable = outline.section(["sites"]), let inline = outline.assignment(name, inSection: sitesTable) {
            outline.replaceLines(inline.lines, with: [])
        }
    }

    // MARK: - Private

    private mutating func insertNewSite(_ name: String, values: [(key: String, value: JSONValue)]) {
        let path = ["sites", name]
        var block = ["[\(path.map(TOMLKeyPath.quote).joined(separator: "."))]"]
        var tables: [[String]] = []
        for (key, value) in values {
            if case .object(let members) = value {
                tables.append(
                    ["", "[\((path + [key]).map(TOMLKeyPath.quote).joined(separator: "."))]"] + Self.lines(members))
            } else {
                block.append("\(TOMLKeyPath.quote(key)) = \(TOMLText.value(value))")
            }
        }
        block += tables.flatMap { $0 }
        // After the last existing sites table, else at the end of the file.
        let lastSites = outline.sections.lastIndex { $0.path.first == "sites" && $0.headerLine != nil }
        var position = lastSites.map { contentEnd(of: $0) } ?? outline.lines.count
        if lastSites == nil {
            while position > 0, outline.lines[position - 1].trimmingWhitespace().isEmpty { position -= 1 }
        }
        let needsBlankBefore = position > 0
        let needsBlankAfter = position < outline.lines.count && !outline.lines[position].trimmingWhitespace().isEmpty
        outline.replaceLines(
            position..<position, with: (needsBlankBefore ? [""] : []) + block + (needsBlankAfter ? [""] : []))
    }

    private mutating func writeSubtable(_ path: [String], members: [JSONValue.Member]) {
        if let index = outline.section(path) {
            let body = outline.sections[index].body
            let keep = outline.lines[body].indices.filter { line in
                !(outline.assignments[index] ?? []).contains { $0.lines.contains(line) }
            }.map { outline.lines[$0] }
            let header = body.lowerBound
            let comments = keep.filter { !$0.trimmingWhitespace().isEmpty }
            let trailingBlank = keep.last?.trimmingWhitespace().isEmpty == true ? [""] : []
            outline.replaceLines(header..<body.upperBound, with: comments + Self.lines(members) + trailingBlank)
            return
        }
        let parent = Array(path.dropLast())
        if let parentIndex = outline.section(parent),
            let inline = outline.assignment(path.last ?? "", inSection: parentIndex)
        {
            let text = members.map { "\(TOMLKeyPath.quote($0.key)) = \(TOMLText.value($0.value))" }.joined(
                separator: ", ")
            replace(inline, with: "\(TOMLKeyPath.quote(path.last ?? "")) = {\(text)}")
            return
        }
        let related = outline.sections.lastIndex { $0.path.starts(with: parent) && $0.headerLine != nil }
        let position = related.map { contentEnd(of: $0) } ?? outline.lines.count
        let header = "[\(path.map(TOMLKeyPath.quote).joined(separator: "."))]"
        let needsBlankAfter = position < outline.lines.count && !outline.lines[position].trimmingWhitespace().isEmpty
        outline.replaceLines(
            position..<position, with: ["", header] + Self.lines(members) + (needsBlankAfter ? [""] : []))
    }

    /// The index after the last non-blank line of a section.
    private func contentEnd(of sectionIndex: Int) -> Int {
        let section = outline.sections[sectionIndex]
        var end = section.body.upperBound
        let start = section.headerLine.map { $0 + 1 } ?? 0
        while end > start, outline.lines[end - 1].trimmingWhitespace().isEmpty { end -= 1 }
        return end
    }

    /// Replaces a (possibly multi-line) assignment with one line, keeping a one-line assignment's inline comment.
    private mutating func replace(_ assignment: TOMLOutline.Assignment, with line: String) {
        var replacement = line
        if assignment.lines.count == 1,
            let comment = TOMLText.inlineComment(of: outline.lines[assignment.lines.lowerBound])
        {
            replacement += comment
        }
        outline.replaceLines(assignment.lines, with: [replacement])
    }

    private static func lines(_ members: [JSONValue.Member]) -> [String] {
        members.map { "\(TOMLKeyPath.quote($0.key)) = \(TOMLText.value($0.value))" }
    }
}

extension TOMLText {
    /// A scalar, array or inline-table value as TOML text.
    static func value(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): basicString(text)
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let integer): String(integer)
        case .number(let number): TOMLText.float(number)
        case .null: "\"\""
        case .array(let elements): "[" + elements.map(self.value).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.map { "\(TOMLKeyPath.quote($0.key)) = \(self.value($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// A TOML float: always with a fraction or exponent (so it reads back as a float), `inf`/`nan` as TOML spells them.
    static func float(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        return String(number)
    }

    /// The trailing `  # comment` of a one-line `key = value`, with the spaces before it.
    static func inlineComment(of line: String) -> String? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let current = quote {
                if character == "\\", current == "\"" {
                    index = line.index(after: index)
                } else if character == current {
                    quote = nil
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                var start = index
                while start > line.startIndex,
                    line[line.index(before: start)] == " " || line[line.index(before: start)] == "\t"
                {
                    start = line.index(before: start)
                }
                return String(line[start...])
            }
            if index < line.endIndex { index = line.index(after: index) }
        }
        return nil
    }
}
