import AnacondaCore

/// A TOML 1.0 parser (https://toml.io/en/v1.0.0) giving the document as ordered JSON values: integers and floats are
/// numbers, dates and times are strings as written. Errors name the line and column.
struct TOMLParser {
    struct SyntaxError: Error, Equatable, CustomStringConvertible {
        var message: String
        var line: Int
        var column: Int

        var description: String { "\(message) (at line \(line), column \(column))" }
    }

    /// How deep values may nest (arrays, inline tables and the parts of dotted keys inside them), and how many
    /// parts a key may have: a hostile file must end in an error, not a stack overflow.
    static let nestingLimit = 64

    private let bytes: [UInt8]
    private var index = 0
    private var tree = TOMLTableTree()
    private var nesting = 0

    static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        var bytes = Array(text.utf8)
        // A UTF-8 byte-order mark (Windows editors write one) is not part of the document.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var parser = TOMLParser(bytes: bytes)
        try parser.document()
        return parser.tree.root.json
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: Lines

    private mutating func document() throws(SyntaxError) {
        while true {
            skipBlank()
            guard let byte = peek() else { return }
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): break
            case UInt8(ascii: "["): try header()
            default: try keyValue(in: nil)
            }
            try endOfLine()
        }
    }

    private mutating func header() throws(SyntaxError) {
        let start = index
        let isArray = peek(at: 1) == UInt8(ascii: "[")
        index += isArray ? 2 : 1
        skipBlank()
        let path = try key()
        skipBlank()
        try expect(isArray ? "]]" : "]", "expected '\(isArray ? "]]" : "]")' to end the table header")
        if let problem = isArray ? tree.appendTable(path) : tree.openTable(path) {
            throw failure(problem, at: start)
        }
    }

    /// `key = value`, in the current table or in the inline table being read.
    private mutating func keyValue(in table: TOMLTable?) throws(SyntaxError) {
        let start = index
        let path = try key()
        skipBlank()
        try expect("=", "expected '=' after the key")
        skipBlank()
        nesting += path.count - 1
        defer { nesting -= path.count - 1 }
        let value = try value()
        if let problem = tree.assign(path, value, in: table) { throw failure(problem, at: start) }
    }

    /// After a header or key/value: spaces, an optional comment, then a newline or the end.
    private mutating func endOfLine() throws(SyntaxError) {
        skipBlank()
        if peek() == UInt8(ascii: "#") { try comment() }
        guard let byte = peek() else { return }
        if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && peek(at: 1) == UInt8(ascii: "\n")) {
            index += byte == UInt8(ascii: "\n") ? 1 : 2
            return
        }
        throw failure("expected the end of the line")
    }

    private mutating func comment() throws(SyntaxError) {
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r"), peek(at: 1) == UInt8(ascii: "\n") { return }
            if Self.isControl(byte) { throw failure("control characters are not allowed in comments") }
            index += 1
        }
    }

    // MARK: Keys

    private mutating func key() throws(SyntaxError) -> [String] {
        var path = [try simpleKey()]
        while true {
            let save = index
            skipBlank()
            guard peek() == UInt8(ascii: ".") else {
                index = save
                return path
            }
            index += 1
            skipBlank()
            path.append(try simpleKey())
            guard path.count <= Self.nestingLimit else {
                throw failure("the key has more than \(Self.nestingLimit) parts")
            }
        }
    }

    private mutating func simpleKey() throws(SyntaxError) -> String {
        switch peek() {
        case UInt8(ascii: "\""): return try basicString()
        case UInt8(ascii: "'"): return try literalString()
        default:
            let start = index
            while let byte = peek(), Self.isBareKey(byte) { index += 1 }
            guard index > start else { throw failure("expected a key") }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }

    // MARK: Values

    private mutating func value() throws(SyntaxError) -> TOMLTable.Entry {
        guard let byte = peek() else { throw failure("expected a value") }
        guard nesting < Self.nestingLimit else {
            throw failure("values are nested more than \(Self.nestingLimit) levels deep")
        }
        nesting += 1
        defer { nesting -= 1 }
        switch byte {
        case UInt8(ascii: "\""):
            return .value(
                .string(peek(at: 1) == byte && peek(at: 2) == byte ? try multilineBasicString() : try basicString()))
        case UInt8(ascii: "'"):
            return .value(
                .string(peek(at: 1) == byte && peek(at: 2) == byte ? try multilineLiteralString() : try literalString())
            )
        case UInt8(ascii: "["): return .value(try array())
        case UInt8(ascii: "{"): return .table(try inlineTable())
        default: return .value(try scalar())
        }
    }

    private mutating func array() throws(SyntaxError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        while true {
            try skipBlankLinesAndComments()
            if peek() == UInt8(ascii: "]") { break }
            switch try value() {
            case .value(let value): elements.append(value)
            case .table(let table): elements.append(table.json)
            case .arrayOfTables: break
            }
            try skipBlankLinesAndComments()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek() == UInt8(ascii: "]") else { throw failure("expected ',' or ']' in an array") }
            break
        }
        index += 1
        return .array(elements)
    }

    private mutating func inlineTable() throws(SyntaxError) -> TOMLTable {
        index += 1
        let table = TOMLTable(origin: .dotted)
        skipBlank()
        if peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipBlank()
                try keyValue(in: table)
                skipBlank()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect("}", "expected ',' or '}' in an inline table (inline tables are on one line)")
                break
            }
        }
        table.origin = .inline
        return table
    }

    /// Booleans, numbers, dates and times: the characters up to a separator, then checked as a whole.
    private mutating func scalar() throws(SyntaxError) -> JSONValue {
        let start = index
        while let byte = peek(), !Self.endsScalar(byte) {
            // A date and a time may be separated by one space: `1979-05-27 07:32:00`.
            if byte == UInt8(ascii: " ") {
                guard index - start == 10, TOMLScalar.isDigit(peek(at: 1)), TOMLScalar.isDigit(peek(at: 2)) else {
                    break
                }
            }
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = TOMLScalar.value(text) else {
            throw failure(text.isEmpty ? "expected a value" : "invalid value '\(text)'", at: start)
        }
        return value
    }

    // MARK: Strings

    private mutating func basicString() throws(SyntaxError) -> String {
        index += 1
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: result, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &result)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw failure("unterminated string (a newline in a one-line string)")
            default:
                if Self.isControl(byte) { throw failure("control characters must be escaped in strings") }
                result.append(byte)
                index += 1
            }
        }
    }

    private mutating func multilineBasicString() throws(SyntaxError) -> String {
        index += 3
        skipNewline()
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure("unterminated multi-line string") }
            if closeMultiline(UInt8(ascii: "\""), appendingTo: &result) {
                return String(decoding: result, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                if try lineEndingBackslash() { continue }
                try escape(into: &result)
            } else if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && peek(at: 1) == UInt8(ascii: "\n")) {
                result.append(UInt8(ascii: "\n"))
                index += byte == UInt8(ascii: "\n") ? 1 : 2
            } else {
                if Self.isControl(byte) { throw failure("control characters must be escaped in strings") }
                result.append(byte)
                index += 1
            }
        }
    }

    private mutating func literalString() throws(SyntaxError) -> String {
        index += 1
        let start = index
        while true {
            guard let byte = peek() else { throw failure("unterminated string") }
            if byte == UInt8(ascii: "'") { break }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                throw failure("unterminated string (a newline in a one-line string)")
            }
            if Self.isControl(byte) { throw failure("control characters are not allowed in literal strings") }
            index += 1
        }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func multilineLiteralString() throws(SyntaxError) -> String {
        index += 3
        skipNewline()
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure("unterminated multi-line string") }
            if closeMultiline(UInt8(ascii: "'"), appendingTo: &result) {
                return String(decoding: result, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\r"), peek(at: 1) == UInt8(ascii: "\n") {
                index += 1
                continue
            }
            if Self.isControl(byte), byte != UInt8(ascii: "\n") {
                throw failure("control characters are not allowed in literal strings")
            }
            result.append(byte)
            index += 1
        }
    }

    /// At three `quote`s: consumes them (and up to two more before them, which belong to the string) and says the
    /// string is closed.
    private mutating func closeMultiline(_ quote: UInt8, appendingTo result: inout [UInt8]) -> Bool {
        guard peek() == quote, peek(at: 1) == quote, peek(at: 2) == quote else { return false }
        var quotes = 3
        while quotes < 5, peek(at: quotes) == quote { quotes += 1 }
        result += Array(repeating: quote, count: quotes - 3)
        index += quotes
        return true
    }

    /// A backslash that ends a line in a multi-line basic string removes it and the whitespace that follows.
    private mutating func lineEndingBackslash() throws(SyntaxError) -> Bool {
        var probe = index + 1
        while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") {
            probe += 1
        }
        guard probe < bytes.count, bytes[probe] == UInt8(ascii: "\n") || bytes[probe] == UInt8(ascii: "\r") else {
            return false
        }
        index = probe
        while let byte = peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || (byte == UInt8(ascii: "\r") && peek(at: 1) == UInt8(ascii: "\n"))
        {
            index += 1
        }
        return true
    }

    private mutating func escape(into result: inout [UInt8]) throws(SyntaxError) {
        let start = index
        index += 1
        guard let code = peek() else { throw failure("unterminated string") }
        index += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "f"): 0x0C,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C,
        ]
        if let byte = simple[code] {
            result.append(byte)
            return
        }
        let digits = code == UInt8(ascii: "u") ? 4 : code == UInt8(ascii: "U") ? 8 : 0
        guard digits > 0, index + digits <= bytes.count,
            bytes[index..<index + digits].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit && $0 < 0x80 }),
            let number = UInt32(String(decoding: bytes[index..<index + digits], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(number)
        else { throw failure("invalid escape sequence", at: start) }
        index += digits
        result += Array(String(Character(scalar)).utf8)
    }

    // MARK: Scanning

    private func peek(at offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func skipBlank() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    private mutating func skipNewline() {
        if peek() == UInt8(ascii: "\n") {
            index += 1
        } else if peek() == UInt8(ascii: "\r"), peek(at: 1) == UInt8(ascii: "\n") {
            index += 2
        }
    }

    private mutating func skipBlankLinesAndComments() throws(SyntaxError) {
        while true {
            skipBlank()
            if peek() == UInt8(ascii: "#") { try comment() }
            let before = index
            skipNewline()
            if index == before { return }
        }
    }

    private mutating func expect(_ text: String, _ message: String) throws(SyntaxError) {
        for (offset, byte) in text.utf8.enumerated() where peek(at: offset) != byte { throw failure(message) }
        index += text.utf8.count
    }

    private func failure(_ message: String, at position: Int? = nil) -> SyntaxError {
        let position = min(position ?? index, bytes.count)
        var line = 1
        var lineStart = 0
        for offset in 0..<position where bytes[offset] == UInt8(ascii: "\n") {
            line += 1
            lineStart = offset + 1
        }
        let column = String(decoding: bytes[lineStart..<position], as: UTF8.self).count + 1
        return SyntaxError(message: message, line: line, column: column)
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        TOMLScalar.isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "\n"),
            UInt8(ascii: "\r"), UInt8(ascii: "\t"):
            true
        default: false
        }
    }
}
