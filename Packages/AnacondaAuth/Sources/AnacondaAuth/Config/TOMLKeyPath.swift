/// Splits a TOML key (`sites."my.site".domain`, `a . b`) into its parts; `nil` if it is not a valid key.
enum TOMLKeyPath {
    static func parse(_ text: Substring) -> [String]? {
        var parts: [String] = []
        var index = text.startIndex
        func skipSpaces() {
            while index < text.endIndex, text[index] == " " || text[index] == "\t" { index = text.index(after: index) }
        }
        while true {
            skipSpaces()
            guard index < text.endIndex else { return nil }
            let first = text[index]
            if first == "\"" || first == "'" {
                var part = ""
                index = text.index(after: index)
                while index < text.endIndex, text[index] != first {
                    if first == "\"", text[index] == "\\", text.index(after: index) < text.endIndex {
                        index = text.index(after: index)
                    }
                    part.append(text[index])
                    index = text.index(after: index)
                }
                guard index < text.endIndex else { return nil }
                index = text.index(after: index)
                parts.append(part)
            } else {
                let start = index
                while index < text.endIndex, text[index].isBareKeyCharacter { index = text.index(after: index) }
                guard start < index else { return nil }
                parts.append(String(text[start..<index]))
            }
            skipSpaces()
            if index == text.endIndex { return parts }
            guard text[index] == "." else { return nil }
            index = text.index(after: index)
        }
    }

    /// `part` as written in a TOML key: bare when possible, otherwise double-quoted.
    static func quote(_ part: String) -> String {
        if !part.isEmpty, part.allSatisfy(\.isBareKeyCharacter) { return part }
        return TOMLText.basicString(part)
    }
}

extension Character {
    var isBareKeyCharacter: Bool {
        isASCII && (isLetter || isNumber || self == "-" || self == "_")
    }
}

/// Writing TOML values as text.
enum TOMLText {
    /// A double-quoted TOML basic string.
    static func basicString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
