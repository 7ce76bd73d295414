import FoundationEssentials

/// Why a manifest file, or one plugin in it, was ignored. Rendered as one line naming the file.
struct ManifestProblem: Error, Equatable, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String { "ignoring plugin manifest \(path): \(reason)" }

    /// A short reason for a JSON decoding failure, naming the key path that is wrong.
    static func reason(for error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError {
                return "malformed JSON: \(underlyingMessage(underlying))"
            }
            return "malformed JSON at \(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "missing key '\(path(context.codingPath + [key]))'"
        case .typeMismatch(let type, let context):
            return "'\(path(context.codingPath))' must be \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "'\(path(context.codingPath))' must be \(typeName(type)), not null"
        @unknown default:
            return "\(error)"
        }
    }

    private static func underlyingMessage(_ error: any Error) -> String {
        let text = "\(error)"
        // Foundation wraps the parser's message in an NSError-like description; keep the human part.
        if let range = text.firstRange(of: "NSDebugDescription=") {
            return String(text[range.upperBound...].prefix { $0 != "}" && $0 != "\n" })
        }
        return text
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        default: type is any Collection.Type ? "a list" : "an object"
        }
    }
}
