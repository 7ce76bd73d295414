import AnacondaCore

/// TOML's unquoted values: booleans, integers (decimal, `0x`, `0o`, `0b`, with `_` between digits), floats
/// (including `inf` and `nan`) and dates/times (kept as the text written).
enum TOMLScalar {
    static func value(_ text: String) -> JSONValue? {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf": return .number(.infinity)
        case "-inf": return .number(-.infinity)
        case "nan", "+nan", "-nan": return .number(.nan)
        default: break
        }
        if let integer = integer(text) { return .integer(integer) }
        if let number = float(text) { return .number(number) }
        if isDateTime(text) { return .string(text) }
        return nil
    }

    static func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// A 64-bit signed integer, exactly (TOML 1.0: values that do not fit are an error, not a rounded float).
    private static func integer(_ text: String) -> Int? {
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
            let digits = String(text.dropFirst(2))
            guard let cleaned = withoutUnderscores(digits, allowedDigits: { Int(String($0), radix: radix) != nil }),
                let value = Int64(cleaned, radix: radix)
            else { return nil }
            return Int(value)
        }
        var unsigned = Substring(text)
        if unsigned.first == "+" || unsigned.first == "-" { unsigned = unsigned.dropFirst() }
        guard let cleaned = withoutUnderscores(String(unsigned), allowedDigits: { $0.isASCII && $0.isNumber }),
            cleaned == "0" || !cleaned.hasPrefix("0"), let value = Int64((text.hasPrefix("-") ? "-" : "") + cleaned)
        else { return nil }
        return Int(value)
    }

    /// `1.5`, `-3e10`, `6.626e-34`, `224_617.445_991`: an integer part without leading zeros, then a fraction, an
    /// exponent or both, each with digits on both sides of every `_` and `.`.
    private static func float(_ text: String) -> Double? {
        var unsigned = Substring(text)
        if unsigned.first == "+" || unsigned.first == "-" { unsigned = unsigned.dropFirst() }
        let lower = unsigned.lowercased()
        let exponentParts = lower.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        let mantissa = exponentParts[0]
        let mantissaParts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard mantissaParts.count == 2 || exponentParts.count == 2 else { return nil }
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        guard let whole = withoutUnderscores(String(mantissaParts[0]), allowedDigits: isDigit),
            whole == "0" || !whole.hasPrefix("0")
        else { return nil }
        if mantissaParts.count == 2, withoutUnderscores(String(mantissaParts[1]), allowedDigits: isDigit) == nil {
            return nil
        }
        if exponentParts.count == 2 {
            var exponent = exponentParts[1]
            if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
            guard withoutUnderscores(String(exponent), allowedDigits: isDigit) != nil else { return nil }
        }
        return Double(text.replacing("_", with: ""))
    }

    /// `digits` without its underscores, when it is non-empty, all digits, and every `_` is between two digits.
    private static func withoutUnderscores(_ digits: String, allowedDigits: (Character) -> Bool) -> String? {
        guard let first = digits.first, let last = digits.last, first != "_", last != "_", !digits.contains("__")
        else { return nil }
        let cleaned = digits.filter { $0 != "_" }
        return cleaned.allSatisfy(allowedDigits) ? cleaned : nil
    }

    /// The number of days in `month` of `year` (proleptic Gregorian calendar, as RFC 3339 uses).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Offset date-time, local date-time, local date or local time (RFC 3339, with `T`, `t` or a space).
    private static func isDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ count: Int, in range: ClosedRange<Int>) -> Bool {
            guard index + count <= bytes.count, bytes[index..<index + count].allSatisfy({ isDigit($0) }),
                let value = Int(String(decoding: bytes[index..<index + count], as: UTF8.self)), range.contains(value)
            else { return false }
            index += count
            return true
        }
        func literal(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        func time() -> Bool {
            guard number(2, in: 0...23), literal(":"), number(2, in: 0...59), literal(":"), number(2, in: 0...60)
            else { return false }
            if literal(".") {
                let start = index
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                if index == start { return false }
            }
            return true
        }
        if bytes.count >= 3, bytes[2] == UInt8(ascii: ":") { return time() && index == bytes.count }
        let yearStart = index
        guard number(4, in: 0...9999), literal("-"), number(2, in: 1...12), literal("-"), number(2, in: 1...31),
            let year = Int(String(decoding: bytes[yearStart..<yearStart + 4], as: UTF8.self)),
            let month = Int(String(decoding: bytes[yearStart + 5..<yearStart + 7], as: UTF8.self)),
            let day = Int(String(decoding: bytes[yearStart + 8..<yearStart + 10], as: UTF8.self)),
            day <= daysIn(month: month, year: year)
        else { return false }
        if index == bytes.count { return true }
        guard literal("T") || literal("t") || literal(" "), time() else { return false }
        if index == bytes.count || literal("Z") || literal("z") { return index == bytes.count }
        guard literal("+") || literal("-"), number(2, in: 0...23), literal(":"), number(2, in: 0...59) else {
            return false
        }
        return index == bytes.count
    }
}
