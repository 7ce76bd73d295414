import AnacondaAuth

/// `application/x-www-form-urlencoded` text (a query or a form body) for the framework integrations.
public enum FormFields {
    /// The fields of `text`; the first of a name wins, malformed pairs are kept with an empty value.
    public static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = FormEncoding.unescape(String(parts[0]))
            if fields[name] == nil { fields[name] = parts.count > 1 ? FormEncoding.unescape(String(parts[1])) : "" }
        }
        return fields
    }

    /// Percent-encodes a value for a query.
    public static func escape(_ value: String) -> String { FormEncoding.escape(value) }
}
