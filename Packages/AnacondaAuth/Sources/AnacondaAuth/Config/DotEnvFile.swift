import AnacondaCore
import FoundationEssentials

/// A `.env` file as python-dotenv reads it: `KEY=value` lines, optional `export `, single or double quotes,
/// `#` comments; the last assignment of a key wins.
struct DotEnvFile {
    private(set) var values: [String: String] = [:]

    init(text: String) {
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = Substring(rawLine).trimmingPrefix(while: \.isWhitespace)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if line.hasPrefix("export ") {
                line = line.dropFirst("export ".count).trimmingPrefix(while: \.isWhitespace)
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingWhitespace()
            guard !key.isEmpty else { continue }
            values[key] = Self.value(String(line[line.index(after: equals)...]).trimmingWhitespace())
        }
    }

    private static func value(_ raw: String) -> String {
        for quote in ["\"", "'"] where raw.hasPrefix(quote) {
            let body = raw.dropFirst()
            guard let end = body.firstIndex(of: Character(quote)) else { return String(body) }
            let text = String(body[..<end])
            return quote == "\"" ? text.replacing("\\n", with: "\n").replacing("\\\"", with: "\"") : text
        }
        // An unquoted value ends at ` #` (an inline comment).
        if let comment = raw.firstRange(of: " #") { return String(raw[..<comment.lowerBound]).trimmingWhitespace() }
        return raw
    }
}

extension Substring {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        var view = self
        while let first = view.first, predicate(first) { view.removeFirst() }
        return view
    }
}
