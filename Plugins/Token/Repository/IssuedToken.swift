import AnacondaPluginAPI

/// A repository token the server issued (`PUT /api/organizations/{org}/ce/current-token`), or the one it has.
struct IssuedToken: Equatable, Sendable {
    var token: String?
    /// As the server wrote it (ISO 8601).
    var expiresAt: String?

    /// `expires_at` as the reference prints it (Python's `str(datetime)`): `2027-06-30T12:00:00Z` →
    /// `2027-06-30 12:00:00+00:00`; fractional seconds as six digits. Text that is not ISO 8601 stays as it is.
    static func displayDate(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else { return text }
        var result =
            String(decoding: bytes[0..<10], as: UTF8.self) + " " + String(decoding: bytes[11..<19], as: UTF8.self)
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            let digits = rest.dropFirst().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            let fraction = String(decoding: digits.prefix(6), as: UTF8.self)
            result += "." + fraction + String(repeating: "0", count: 6 - fraction.count)
            rest = rest.dropFirst(1 + digits.count)
        }
        switch String(decoding: rest, as: UTF8.self) {
        case "": return result
        case "Z", "z": return result + "+00:00"
        case let offset where offset.count == 6 && (offset.hasPrefix("+") || offset.hasPrefix("-")):
            return result + offset
        default: return text
        }
    }
}
