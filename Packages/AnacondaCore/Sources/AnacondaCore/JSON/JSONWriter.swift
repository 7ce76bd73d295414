/// Serialises a ``JSONValue`` the way Python's `json.dumps` does, so files shared with the Python tools keep
/// the same bytes.
public struct JSONWriter: Sendable {
    /// Spaces per level; `nil` writes everything on one line.
    public var indent: Int?
    /// Separators between members and between a key and its value: `(", ", ": ")` is Python's default,
    /// `(",", ":")` the compact form.
    public var separators: (item: String, key: String)
    /// Sort object members by key.
    public var sortKeys: Bool
    /// Escape every non-ASCII character as `\uXXXX` (Python's default).
    public var asciiOnly: Bool

    /// Python's `json.dumps(value)`.
    public static let python = JSONWriter(indent: nil, separators: (", ", ": "), sortKeys: false, asciiOnly: true)
    /// Python's `json.dumps(value, separators=(",", ":"))`.
    public static let compact = JSONWriter(indent: nil, separators: (",", ":"), sortKeys: false, asciiOnly: true)

    public init(indent: Int?, separators: (item: String, key: String), sortKeys: Bool, asciiOnly: Bool) {
        self.indent = indent
        self.separators = separators
        self.sortKeys = sortKeys
        self.asciiOnly = asciiOnly
    }

    /// Python's `json.dumps(value, indent=n)` (item separator `","` at line ends), optionally with sorted keys.
    public static func indented(_ spaces: Int, sortKeys: Bool = false, asciiOnly: Bool = true) -> JSONWriter {
        JSONWriter(indent: spaces, separators: (",", ": "), sortKeys: sortKeys, asciiOnly: asciiOnly)
    }

    public func string(_ value: JSONValue) -> String {
        var output = ""
        write(value, level: 0, into: &output)
        return output
    }

    private func write(_ value: JSONValue, level: Int, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let integer): output += String(integer)
        case .number(let number): output += Self.format(number)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else { return output += "[]" }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += separators.item }
                newline(level + 1, into: &output)
                write(element, level: level + 1, into: &output)
            }
            newline(level, into: &output)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { return output += "{}" }
            let ordered = sortKeys ? members.sorted { $0.key < $1.key } : members
            output += "{"
            for (index, member) in ordered.enumerated() {
                if index > 0 { output += separators.item }
                newline(level + 1, into: &output)
                writeString(member.key, into: &output)
                output += separators.key
                write(member.value, level: level + 1, into: &output)
            }
            newline(level, into: &output)
            output += "}"
        }
    }

    private func newline(_ level: Int, into output: inout String) {
        guard let indent else { return }
        output += "\n" + String(repeating: " ", count: indent * level)
    }

    /// A float as Python's `json` writes it (`1.0`, `1e+300`); JSON has no infinity or NaN, so those are `null`.
    private static func format(_ number: Double) -> String {
        number.isFinite ? String(number) : "null"
    }

    private func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || (asciiOnly && scalar.value > 0x7E) {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
