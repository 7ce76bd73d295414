/// Typed access to a ``JSONValue`` that names the key path in its errors, e.g. `missing key 'plugins[0].library'`.
public struct JSONReader: Sendable {
    /// A value of the wrong type or a missing key.
    public struct FieldError: Error, Equatable, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    public let value: JSONValue
    public let path: String

    public init(_ value: JSONValue, path: String = "") {
        self.value = value
        self.path = path
    }

    private var displayPath: String { path.isEmpty ? "(top level)" : path }

    private func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func field(_ key: String) throws(FieldError) -> JSONReader {
        guard let reader = try optionalField(key) else { throw FieldError(description: "missing key '\(child(key))'") }
        return reader
    }

    /// The member `key`, or `nil` when it is absent or `null`.
    public func optionalField(_ key: String) throws(FieldError) -> JSONReader? {
        guard case .object = value else { throw FieldError(description: "'\(displayPath)' must be an object") }
        guard let member = value[key], member != .null else { return nil }
        return JSONReader(member, path: child(key))
    }

    public func string() throws(FieldError) -> String {
        guard case .string(let text) = value else { throw FieldError(description: "'\(displayPath)' must be a string") }
        return text
    }

    public func int() throws(FieldError) -> Int {
        guard case .number(let number) = value, let integer = Int(exactly: number) else {
            throw FieldError(description: "'\(displayPath)' must be an integer")
        }
        return integer
    }

    public func bool() throws(FieldError) -> Bool {
        guard case .bool(let flag) = value else { throw FieldError(description: "'\(displayPath)' must be true or false") }
        return flag
    }

    public func array() throws(FieldError) -> [JSONReader] {
        guard case .array(let elements) = value else { throw FieldError(description: "'\(displayPath)' must be a list") }
        return elements.enumerated().map { JSONReader($1, path: "\(path)[\($0)]") }
    }
}
