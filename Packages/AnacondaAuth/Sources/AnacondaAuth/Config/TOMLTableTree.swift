import AnacondaCore

/// The tables of a TOML document while it is parsed, with the rules of TOML 1.0 on defining them: a table is
/// defined once (by a `[header]` or by dotted keys), inline tables and arrays are closed, `[[header]]` appends only
/// to an array of tables. Members keep the order of the file.
final class TOMLTable {
    enum Origin {
        /// Created as the parent of a `[header]` or a dotted key's table; a later `[header]` may define it.
        case implicit
        /// Defined by `[header]` or `[[header]]`.
        case header
        /// Defined by dotted keys (`a.b = 1` defines `a`).
        case dotted
        /// An inline table: nothing can be added to it.
        case inline
    }

    enum Entry {
        case value(JSONValue)
        case table(TOMLTable)
        case arrayOfTables([TOMLTable])
    }

    private(set) var keys: [String] = []
    private(set) var entries: [String: Entry] = [:]
    var origin: Origin

    init(origin: Origin) {
        self.origin = origin
    }

    subscript(key: String) -> Entry? {
        get { entries[key] }
        set {
            if entries[key] == nil { keys.append(key) }
            entries[key] = newValue
        }
    }

    /// Appends to the array of tables `key` in place (taken out of the dictionary first, so the array is not copied:
    /// N `[[a]]` headers take linear time, not quadratic).
    func append(_ table: TOMLTable, toArrayOfTables key: String) {
        guard case .arrayOfTables(var tables)? = entries.removeValue(forKey: key) else { return }
        tables.append(table)
        entries[key] = .arrayOfTables(tables)
    }

    /// The table `key` inside this one, created (as `origin`) when missing; `nil` when `key` is something else.
    /// An array of tables gives its last table, as `[a.b]` after `[[a]]` extends the newest `a`.
    func child(_ key: String, creating origin: Origin) -> TOMLTable? {
        switch self[key] {
        case nil:
            let table = TOMLTable(origin: origin)
            self[key] = .table(table)
            return table
        case .table(let table): return table
        case .arrayOfTables(let tables): return tables.last
        case .value: return nil
        }
    }

    var json: JSONValue {
        .object(
            keys.map { key in
                switch entries[key]! {
                case .value(let value): JSONValue.Member(key, value)
                case .table(let table): JSONValue.Member(key, table.json)
                case .arrayOfTables(let tables): JSONValue.Member(key, .array(tables.map(\.json)))
                }
            })
    }
}

/// Applies headers and key/value lines to the document's tables; each method returns a problem message or `nil`.
struct TOMLTableTree {
    let root = TOMLTable(origin: .header)
    private(set) var current: TOMLTable

    init() {
        current = root
    }

    /// `[a.b.c]`: defines `c` (once) and makes it the current table.
    mutating func openTable(_ path: [String]) -> String? {
        guard let parent = walk(path.dropLast(), from: root) else { return cannotExtend(path) }
        let key = path.last!
        switch parent[key] {
        case nil:
            current = TOMLTable(origin: .header)
            parent[key] = .table(current)
        case .table(let table) where table.origin == .implicit:
            table.origin = .header
            current = table
        default:
            return "table '\(Self.dotted(path))' is defined more than once"
        }
        return nil
    }

    /// `[[a.b.c]]`: appends a table to the array of tables `c` and makes it the current table.
    mutating func appendTable(_ path: [String]) -> String? {
        guard let parent = walk(path.dropLast(), from: root) else { return cannotExtend(path) }
        let key = path.last!
        let table = TOMLTable(origin: .header)
        switch parent[key] {
        case nil: parent[key] = .arrayOfTables([table])
        case .arrayOfTables: parent.append(table, toArrayOfTables: key)
        default: return "'\(Self.dotted(path))' is not an array of tables"
        }
        current = table
        return nil
    }

    /// `a.b.c = value` in the current table (or in `table`, for inline tables).
    func assign(_ path: [String], _ value: TOMLTable.Entry, in table: TOMLTable? = nil) -> String? {
        var target = table ?? current
        for key in path.dropLast() {
            guard let next = target.child(key, creating: .dotted), next.origin == .dotted || next.origin == .implicit
            else { return "cannot add keys to '\(Self.dotted(path.dropLast()))': it is defined elsewhere" }
            next.origin = .dotted
            target = next
        }
        let key = path.last!
        guard target[key] == nil else { return "key '\(Self.dotted(path))' is defined more than once" }
        target[key] = value
        return nil
    }

    /// The table at `path` below `table` for a header: parents may be implicit, header or dotted tables (not inline
    /// tables or values).
    private func walk(_ path: ArraySlice<String>, from table: TOMLTable) -> TOMLTable? {
        var target = table
        for key in path {
            guard let next = target.child(key, creating: .implicit), next.origin != .inline else { return nil }
            target = next
        }
        return target
    }

    private func cannotExtend(_ path: [String]) -> String {
        "cannot define '\(Self.dotted(path))': a parent is a value or an inline table"
    }

    static func dotted(_ path: some Collection<String>) -> String {
        path.joined(separator: ".")
    }
}
