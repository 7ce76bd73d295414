/// Typed access to a ``JSONValue`` that names the key path in its errors, e.g. `missing key 'plugins[0].library'`.
public struct JSONReader: Sendable {
    /// A value of the wrong type or a missing key.
    public struct FieldError: Error, Equatable, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Where a value sits in the document, spelled out only for an error message (reading a manifest must not
    /// build a path string for every field).
    private indirect enum Location: Sendable {
        case named(String)
        case member(Location, String)
        case element(Location, Int)

        var text: String {
            switch self {
            case .named(let name): name
            case .member(let parent, let key):
                parent.text.isEmpty ? key : "\(parent.text).\(key)"
            case .element(let parent, let index): "\(parent.text)[\(index)]"
            }
        }
    }

    public let value: JSONValue
    private let location: Location

    /// The key path of this value, e.g. `plugins[0].library` (empty at the top level).
    public var path: String { location.text }

    public init(_ value: JSONValue, path: String = "") {
        self.init(value, location: .named(path))
    }

    private init(_ value: JSONValue, location: Location) {
        self.value = value
        self.location = location
    }

    private var displayPath: String { path.isEmpty ? "(top level)" : path }

    private func child(_ key: String) -> String { Location.member(location, key).text }

    public func field(_ key: String) throws(FieldError) -> JSONReader {
        guard let reader = try optionalField(key) else { throw FieldError(description: "missing key '\(child(key))'") }
        return reader
    }

    /// The member `key`, or `nil` when it is absent or `null`.
    public func optionalField(_ key: String) throws(FieldError) -> JSONReader? {
        guard case .object = value else { throw FieldError(description: "'\(displayPath)' must be an object") }
        guard let member = value[key], member != .null else { return nil }
        return JSONReader(member, location: .member(location, key))
    }

    public func string() throws(FieldError) -> String {
        guard case .string(let text) = value else { throw FieldError(description: "'\(displayPath)' must be a string") }
        return text
    }

    public func int() throws(FieldError) -> Int {
        guard let integer = value.intValue else {
            throw FieldError(description: "'\(displayPath)' must be an integer")
        }
        return integer
    }

    public func bool() throws(FieldError) -> Bool {
        guard case .bool(let flag) = value else {
            throw FieldError(description: "'\(displayPath)' must be true or false")
        }
        return flag
    }

    public func array() throws(FieldError) -> [JSONReader] {
        guard case .array(let elements) = value else {
            throw FieldError(description: "'\(displayPath)' must be a list")
        }
        return elements.enumerated().map { JSONReader($1, location: .element(location, $0)) }
    }
}
