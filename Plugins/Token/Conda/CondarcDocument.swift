import AnacondaPluginAPI
import Yams

/// A `.condarc` read with a YAML parser (libyaml, through Yams): its top-level keys with the lines each one takes,
/// and the values of the keys `anaconda token` edits, checked. Invalid YAML or a wrong type is one error naming the
/// file and the line; such a file is never written.
struct CondarcDocument {
    /// A top-level `key: value` and the lines (0-based, end exclusive) from the key to its value's last line;
    /// blank and comment lines after it belong to what follows.
    struct Entry {
        var key: String
        var lines: Range<Int>
        var value: Node
    }

    let path: String
    private(set) var lines: [String]
    /// `\r\n` when the file uses Windows line endings, else `\n`.
    let lineEnding: String
    private(set) var entries: [Entry] = []

    init(path: String, text: String) throws {
        self.path = path
        lineEnding = text.contains("\r\n") ? "\r\n" : "\n"
        // Line breaks as YAML counts them (a lone CR too), so libyaml's line numbers index these lines.
        lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        )
        .map(String.init)
        if lines.last == "" { lines.removeLast() }
        try parse(text)
    }

    var text: String { lines.isEmpty ? "" : lines.joined(separator: lineEnding) + lineEnding }

    func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

    /// `default_channels`, when set.
    var defaultChannels: [String]? { entry("default_channels")?.value.sequence?.compactMap(\.string) }

    /// `channel_settings` entries, each as its string-valued members.
    var channelSettings: [[String: String]] {
        entry("channel_settings")?.value.sequence?.compactMap { item in
            item.mapping.map { mapping in
                Dictionary(
                    mapping.compactMap { key, value in key.string.flatMap { k in value.string.map { (k, $0) } } }
                ) {
                    $1
                }
            }
        } ?? []
    }

    var addAnacondaToken: Bool? { entry("add_anaconda_token")?.value.bool }

    // MARK: - Parsing

    private mutating func parse(_ text: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.syntaxError(error, path: path)
        } catch {
            throw invalid("it is not valid YAML (\(error))")
        }
        guard let root else { return }  // empty, or only comments
        guard case .mapping(let mapping) = root else {
            throw invalid("the top level must be a mapping of settings", line: root.mark?.line)
        }
        guard mapping.style != .flow else {
            throw invalid(
                "the top level is a flow mapping ({...}); write it as one `key: value` per line",
                line: mapping.mark?.line)
        }
        let starts = mapping.map { Self.lineIndex($0.key.mark, in: lines) }
        for (index, pair) in mapping.enumerated() {
            guard let key = pair.key.string, pair.key.scalar != nil else {
                throw invalid("keys must be plain names", line: pair.key.mark?.line)
            }
            let start = starts[index]
            var end = index + 1 < starts.count ? max(starts[index + 1], start) : lines.count
            while end > start + 1, Self.isBlankOrComment(lines[end - 1]) { end -= 1 }
            entries.append(Entry(key: key, lines: start..<min(max(end, start + 1), lines.count), value: pair.value))
            try check(key, pair.value)
        }
    }

    /// The keys `anaconda token` reads or writes, and `channels`, must have the types conda gives them.
    private func check(_ key: String, _ value: Node) throws {
        let line = value.mark?.line
        switch key {
        case "default_channels", "channels":
            guard let items = Self.sequence(value), items.allSatisfy({ $0.scalar != nil }) else {
                throw invalid("\(key) must be a list of channel names or URLs", line: line)
            }
        case "channel_settings":
            guard let items = Self.sequence(value),
                items.allSatisfy({ $0.mapping?.allSatisfy { $0.key.scalar != nil && $0.value.scalar != nil } ?? false })
            else { throw invalid("channel_settings must be a list of mappings (channel: ..., auth: ...)", line: line) }
        case "add_anaconda_token":
            guard value.bool != nil else { throw invalid("add_anaconda_token must be true or false", line: line) }
        default:
            break
        }
    }

    /// The items of a sequence; an empty value (`key:` alone) counts as an empty list, as conda reads it.
    private static func sequence(_ node: Node) -> [Node]? {
        if let items = node.sequence { return Array(items) }
        if node.scalar?.string == "" || node.null != nil { return [] }
        return nil
    }

    /// The 0-based line of a mark, within `lines` (a mark past the end is the end).
    static func lineIndex(_ mark: Mark?, in lines: [String]) -> Int {
        min(max((mark?.line ?? 1) - 1, 0), lines.count)
    }

    static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    private func invalid(_ problem: String, line: Int? = nil) -> AnacondaError {
        AnacondaError(
            .condaRCError,
            message: "\(path)\(line.map { ", line \($0)" } ?? ""): \(problem); nothing was changed")
    }

    private static func syntaxError(_ error: YamlError, path: String) -> AnacondaError {
        let detail: (problem: String, mark: Mark?) =
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                (problem, mark)
            case .reader(let problem, _, _, _): (problem, nil)
            case .duplicatedKeysInMapping(let duplicates, let context):
                ("duplicate keys \(duplicates.joined(separator: ", "))", context.mark)
            default: ("\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)", nil)
            }
        let position = detail.mark.map { ", line \($0.line), column \($0.column)" } ?? ""
        return AnacondaError(
            .condaRCError,
            message: "\(path)\(position): not valid YAML (\(detail.problem)); nothing was changed")
    }
}
