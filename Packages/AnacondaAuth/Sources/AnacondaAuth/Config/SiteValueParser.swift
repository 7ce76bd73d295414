import AnacondaCore
import FoundationEssentials

/// Turns raw values into typed settings with the reference's rules, fixed where they were traps.
/// Each function returns the typed value or throws the message for the validation bullet.
enum SiteValueParser {
    struct Invalid: Error {
        var message: String
    }

    static let trueWords: Set<String> = ["1", "true", "yes", "on", "t", "y"]
    static let falseWords: Set<String> = ["0", "false", "no", "off", "f", "n"]

    static func string(_ value: JSONValue) throws(Invalid) -> String {
        guard case .string(let text) = value else { throw Invalid(message: "Input should be a valid string") }
        return text
    }

    static func bool(_ value: JSONValue) throws(Invalid) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .integer(0), .number(0): return false
        case .integer(1), .number(1): return true
        case .string(let text):
            let word = text.trimmingWhitespace().lowercased()
            if trueWords.contains(word) { return true }
            if falseWords.contains(word) { return false }
        default: break
        }
        throw Invalid(message: "Input should be a valid boolean (true/false, yes/no, on/off or 1/0)")
    }

    /// `https://Foo.example.com/x` → `Foo.example.com`; `localhost:8000` stays.
    static func domain(_ value: JSONValue) throws(Invalid) -> String {
        let text = try string(value)
        var rest = Substring(text)
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
            break
        }
        let netloc = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !netloc.isEmpty else { throw Invalid(message: "Value error, \(text) does not look like a domain name") }
        if let port = NetworkPort.text(inAuthority: netloc), (NetworkPort.parse(port) ?? 0) < 1 {
            throw Invalid(message: "Value error, \(text) has an invalid port (expected 1 to 65535)")
        }
        return String(netloc)
    }

    static func tokenStorage(_ value: JSONValue) throws(Invalid) -> TokenStorage {
        guard let text = value.stringValue, let storage = TokenStorage(rawValue: text) else {
            throw Invalid(message: "Input should be 'system' or 'anaconda-keyring'")
        }
        return storage
    }

    /// A boolean word, `truststore`, or the path of a CA bundle file or directory. The path is checked where it is
    /// used (the first request), as the reference does: a user whose bundle moved can still list sites and log out.
    static func sslVerify(_ value: JSONValue, sources: ConfigurationSources) throws(Invalid) -> SSLVerification {
        switch value {
        case .bool(let flag): return flag ? .enabled : .disabled
        case .string(let text):
            let word = text.trimmingWhitespace().lowercased()
            if trueWords.contains(word) { return .enabled }
            if falseWords.contains(word) { return .disabled }
            if word == "truststore" { return .truststore }
            return .caBundle(path: sources.absolutePath(text))
        default:
            throw Invalid(message: "Value error, Must be bool or str")
        }
    }

    /// A table of strings, or a JSON object in a string.
    static func stringTable(_ value: JSONValue) throws(Invalid) -> [String: String] {
        let table = try object(value)
        var result: [String: String] = [:]
        for member in table {
            guard case .string(let text) = member.value else {
                throw Invalid(message: "Input should be a valid string at \(member.key)")
            }
            result[member.key] = text
        }
        return result
    }

    /// `{"Anaconda Cloud": {"<domain>": "<b64>"}}`, as a table or a JSON string.
    static func keyring(_ value: JSONValue) throws(Invalid) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for member in try object(value) {
            result[member.key] = try stringTable(member.value)
        }
        return result
    }

    private static func object(_ value: JSONValue) throws(Invalid) -> [JSONValue.Member] {
        switch value {
        case .object(let members): return members
        case .string(let text):
            guard let parsed = try? JSONValue.parse(text) else {
                throw Invalid(message: "Value error, '\(text)' is not valid JSON.")
            }
            guard case .object(let members) = parsed else {
                throw Invalid(message: "Input should be a valid dictionary")
            }
            return members
        default:
            throw Invalid(message: "Input should be a valid dictionary")
        }
    }

    /// A version without a leading operator gets `=` prepended, as the reference does.
    /// A whole number of days from 1 to 3650 (a number, or digits in a string as the environment gives them).
    static func days(_ value: JSONValue) throws(Invalid) -> Int {
        let number = value.intValue ?? value.stringValue.flatMap { Int($0.trimmingWhitespace()) }
        guard let number, (1...3650).contains(number) else {
            throw Invalid(message: "Input should be a whole number of days from 1 to 3650")
        }
        return number
    }

    static func envManagerVersion(_ value: JSONValue) throws(Invalid) -> String {
        let text = try string(value)
        return text.first.map { "><=!".contains($0) } == true ? text : "=" + text
    }
}
