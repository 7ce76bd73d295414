/// Typed access to a ``JSONValue`` that names the key path in its errors, e.g. `missing key 'plugins[0].library'`.
struct JSONReader {
    /// A value of the wrong type or a missing key.
    struct FieldError: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String = "") {
        self.value = value
        self.path = path
    }

    private var displayPath: String { path.isEmpty ? "(top level)" : path }

    private func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func field(_ key: String) throws(FieldError) -> JSONReader {
        guard let reader = try optionalField(key) else { throw FieldError(description: "missing key '\(child(key))'") }
        return reader
    }

    /// The member `key`, or `nil` when it is absent or `null`.
    func optionalField(_ key: String) throws(FieldError) -> JSONReader? {
        guard case .object(let members) = value else {
            throw FieldError(description: "'\(displayPath)' must be an object")
        }
        guard let member = members[key], member != .null else { return nil }
        return JSONReader(member, path: child(key))
    }

    func string() throws(FieldError) -> String {
        guard case .string(let text) = value else { throw FieldError(description: "'\(displayPath)' must be a string") }
        return text
    }

    func int() throws(FieldError) -> Int {
        guard case .number(let number) = value, let integer = Int(exactly: number) else {
            throw FieldError(description: "'\(displayPath)' must be an integer")
        }
        return integer
    }

    func bool() throws(FieldError) -> Bool {
        guard case .bool(let flag) = value else { throw FieldError(description: "'\(displayPath)' must be true or false") }
        return flag
    }

    func array() throws(FieldError) -> [JSONReader] {
        guard case .array(let elements) = value else { throw FieldError(description: "'\(displayPath)' must be a list") }
        return elements.enumerated().map { JSONReader($1, path: "\(path)[\($0)]") }
    }
}
