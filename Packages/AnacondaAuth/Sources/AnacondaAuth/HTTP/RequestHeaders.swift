/// Request header fields in order; names compare without regard to case.
struct RequestHeaders {
    private(set) var fields: [(String, String)] = []

    mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Replaces every field named `name` by one with `value`, or appends it.
    mutating func replaceOrAdd(_ name: String, _ value: String) {
        guard let first = fields.firstIndex(where: { Self.same($0.0, name) }) else { return add(name, value) }
        fields[first] = (name, value)
        fields = fields.enumerated().filter { $0.offset == first || !Self.same($0.element.0, name) }.map(\.element)
    }

    func contains(_ name: String) -> Bool {
        fields.contains { Self.same($0.0, name) }
    }

    private static func same(_ left: String, _ right: String) -> Bool {
        left.lowercased() == right.lowercased()
    }
}
