/// A table drawn with box characters, as the reference's rich tables look on a terminal:
/// ```
/// ┏━━━━━━━━━━┳━━━━━━━━━┓
/// ┃ Package  ┃ Version ┃
/// ┡━━━━━━━━━━╇━━━━━━━━━┩
/// │ anaconda │ 0.1.0   │
/// └──────────┴─────────┘
/// ```
public struct BoxTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The table, one line per row, each ending with a newline.
    public func render() -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        func rule(_ left: String, _ middle: String, _ right: String, _ fill: Character) -> String {
            left + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: middle) + right
        }
        func row(_ cells: [String], _ edge: String) -> String {
            edge + widths.indices.map { column in
                let cell = cells.indices.contains(column) ? cells[column] : ""
                return " " + cell + String(repeating: " ", count: widths[column] - cell.count) + " "
            }.joined(separator: edge) + edge
        }
        var lines = [rule("┏", "┳", "┓", "━"), row(header, "┃"), rule("┡", "╇", "┩", "━")]
        lines += rows.map { row($0, "│") }
        lines.append(rule("└", "┴", "┘", "─"))
        return lines.joined(separator: "\n") + "\n"
    }
}
