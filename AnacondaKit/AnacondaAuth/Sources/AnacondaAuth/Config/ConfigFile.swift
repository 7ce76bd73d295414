import AnacondaPluginAPI
import FoundationEssentials
import TOMLKit

/// `config.toml`, parsed with TOMLKit (values) and ``TOMLOutline`` (the order of tables, for `[sites.*]`).
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
            throw AnacondaError(label: "OSError", message: "Failed to read \(path): permission denied")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AnacondaError(label: "AnacondaConfigTomlSyntaxError", message: "\(path): the file is not UTF-8 text")
        }
        return try ConfigFile(path: path, text: text)
    }

    /// Parses `text` as the contents of `path`.
    public init(path: String, text: String) throws {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw AnacondaError(
                label: "AnacondaConfigTomlSyntaxError",
                message: "\(path): \(error.description) (at line \(error.source.begin.line), "
                    + "column \(error.source.begin.column))")
        }
        let outline = TOMLOutline(text: text)
        var document = Self.convert(table)
        if let sites = document["sites"], case .object(let members) = sites {
            let order = outline.childOrder(of: ["sites"])
            let sorted = members.sorted { (order.firstIndex(of: $0.key) ?? .max) < (order.firstIndex(of: $1.key) ?? .max) }
            document = document.setting("sites", to: .object(sorted))
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

    private static func convert(_ table: TOMLTable) -> JSONValue {
        .object(table.map { key, value in JSONValue.Member(key, convert(value)) })
    }

    private static func convert(_ value: TOMLValueConvertible) -> JSONValue {
        switch value.type {
        case .table: value.table.map(convert) ?? .null
        case .array: .array(value.array.map { $0.map(convert) } ?? [])
        case .string: .string(value.string ?? "")
        case .int: .number(Double(value.int ?? 0))
        case .double: .number(value.double ?? 0)
        case .bool: .bool(value.bool ?? false)
        default: .string(value.debugDescription)
        }
    }
}
