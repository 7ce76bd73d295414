import AnacondaPluginAPI
import Yams

/// Edits a `.condarc` in place, line by line: only the lines of the keys it changes are rewritten, so the user's
/// comments, key order and every other key stay as they were. After each edit the text is parsed again: an edit
/// that would not give valid YAML is an error, never a written file.
struct CondarcEditor {
    private(set) var document: CondarcDocument

    init(_ document: CondarcDocument) {
        self.document = document
    }

    var text: String { document.text }

    /// `default_channels` set to `channels` (the whole list replaced, or added at the end of the file).
    mutating func setDefaultChannels(_ channels: [String]) throws {
        guard document.defaultChannels != channels else { return }
        try replace("default_channels", with: ["default_channels:"] + channels.map { "  - " + Self.scalar($0) })
    }

    /// `add_anaconda_token: true`.
    mutating func setAddAnacondaToken() throws {
        guard document.addAnacondaToken != true else { return }
        try replace("add_anaconda_token", with: ["add_anaconda_token: true"])
    }

    /// A `channel_settings` entry `{channel: <channel>, auth: <auth>}`: an entry for the same channel is replaced,
    /// otherwise one is appended after the existing ones (with their indentation).
    mutating func setChannelSetting(channel: String, auth: String) throws {
        let settings = document.channelSettings
        if settings.contains(where: { $0["channel"] == channel && $0["auth"] == auth && $0.count == 2 }) { return }
        let item = ["- channel: " + Self.scalar(channel), "  auth: " + Self.scalar(auth)]
        guard let entry = document.entry("channel_settings"), let sequence = entry.value.sequence, !sequence.isEmpty,
            sequence.style != .flow
        else {
            let kept = settings.filter { $0["channel"] != channel }.map(Self.itemLines)
            try replace(
                "channel_settings", with: ["channel_settings:"] + (kept + [item]).flatMap { $0.map { "  " + $0 } })
            return
        }
        let indent = String(repeating: " ", count: max(0, (sequence.first?.mark?.column ?? 3) - 3))
        if let index = settings.firstIndex(where: { $0["channel"] == channel }) {
            try replaceLines(itemLines(index, in: entry), with: item.map { indent + $0 })
        } else {
            try replaceLines(entry.lines.upperBound..<entry.lines.upperBound, with: item.map { indent + $0 })
        }
    }

    /// Removes the `channel_settings` entry for `channel` (and the key, when it was the only one).
    mutating func removeChannelSetting(channel: String) throws {
        guard let entry = document.entry("channel_settings"),
            let index = document.channelSettings.firstIndex(where: { $0["channel"] == channel })
        else { return }
        if document.channelSettings.count == 1 {
            try replace("channel_settings", with: [])
        } else if entry.value.sequence?.style == .flow {
            let kept = document.channelSettings.filter { $0["channel"] != channel }.map(Self.itemLines)
            try replace("channel_settings", with: ["channel_settings:"] + kept.flatMap { $0.map { "  " + $0 } })
        } else {
            try replaceLines(itemLines(index, in: entry), with: [])
        }
    }

    /// Removes a top-level key.
    mutating func remove(_ key: String) throws {
        try replace(key, with: [])
    }

    // MARK: - Lines

    /// The key's lines replaced by `newLines` (removed when empty); a new key goes at the end of the file.
    private mutating func replace(_ key: String, with newLines: [String]) throws {
        if let entry = document.entry(key) {
            try replaceLines(entry.lines, with: newLines)
        } else if !newLines.isEmpty {
            try replaceLines(document.lines.count..<document.lines.count, with: newLines)
        }
    }

    private mutating func replaceLines(_ range: Range<Int>, with newLines: [String]) throws {
        var lines = document.lines
        lines.replaceSubrange(range, with: newLines)
        let text = lines.isEmpty ? "" : lines.joined(separator: document.lineEnding) + document.lineEnding
        do {
            document = try CondarcDocument(path: document.path, text: text)
        } catch {
            throw AnacondaError(
                .condaRCError,
                message: "\(document.path): the change would not be valid YAML (\(error)); nothing was changed")
        }
    }

    /// The lines of item `index` of a block sequence entry: from its first line to the next item (or the end).
    private func itemLines(_ index: Int, in entry: CondarcDocument.Entry) -> Range<Int> {
        let starts = (entry.value.sequence.map(Array.init) ?? []).map {
            CondarcDocument.lineIndex($0.mark, in: document.lines)
        }
        guard starts.indices.contains(index) else { return entry.lines }
        let end = index + 1 < starts.count ? starts[index + 1] : entry.lines.upperBound
        return starts[index]..<max(end, starts[index])
    }

    private static func itemLines(_ setting: [String: String]) -> [String] {
        let ordered = setting.sorted { ($0.key == "channel" ? 0 : 1, $0.key) < ($1.key == "channel" ? 0 : 1, $1.key) }
        return ordered.enumerated().map {
            ($0.offset == 0 ? "- " : "  ") + $0.element.key + ": " + scalar($0.element.value)
        }
    }

    /// A YAML scalar: plain when that reads back as the same string, else double-quoted.
    static func scalar(_ text: String) -> String {
        let plainSafe =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "/", ".", "-", "_", ":", "*", "~", "+", "=", "%", "@": true
                default: false
                }
            }
        if plainSafe, let first = text.unicodeScalars.first, !"*-:%@".unicodeScalars.contains(first),
            let value = (try? Yams.compose(yaml: "k: " + text))??.mapping?.first?.value,
            value.string == text, value.tag.rawValue == Tag.Name.str.rawValue
        {
            return text
        }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    quoted += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}
