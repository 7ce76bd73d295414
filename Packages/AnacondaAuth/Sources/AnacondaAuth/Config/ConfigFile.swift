import AnacondaCore
import FoundationEssentials

/// `config.toml`, parsed by `TOMLParser`; tables and keys keep the order of the file.
public struct ConfigFile: Sendable {
    /// The file's path (absolute).
    public var path: String
    /// The whole document; `sites` members are in file order.
    public var document: JSONValue
    /// The file's text, or `nil` when the file does not exist.
    public var text: String?

    /// Reads and parses `path`. A missing file is an empty document; a syntax error names file, line and column.
    public static func load(_ path: String) throws -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) else {
            return ConfigFile(path: path, document: .object([]), text: nil)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AnacondaError(.osError, message: "Failed to read \(path): permission denied")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AnacondaError(.anacondaConfigTomlSyntaxError, message: "\(path): the file is not UTF-8 text")
        }
        return try ConfigFile(path: path, text: text)
    }

    /// Parses `text` as the contents of `path`.
    public init(path: String, text: String) throws {
        let document: JSONValue
        do {
            document = try TOMLParser.parse(text)
        } catch {
            throw AnacondaError(.anacondaConfigTomlSyntaxError, message: "\(path): \(error)")
        }
        self.init(path: path, document: document, text: text)
    }

    init(path: String, document: JSONValue, text: String?) {
        self.path = path
        self.document = document
        self.text = text
    }

    /// The table at `path` (e.g. `["plugin", "auth"]`), or an empty table.
    public func table(_ keys: [String]) -> [JSONValue.Member] {
        var value = document
        for key in keys {
            guard let next = value[key] else { return [] }
            value = next
        }
        if case .object(let members) = value { return members }
        return []
    }
}
