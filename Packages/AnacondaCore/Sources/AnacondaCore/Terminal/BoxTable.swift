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
    /// The table for `terminal`'s standard output: header cells in bold green where it shows colour.
    public func render(for terminal: any Terminal) -> String {
        render(styleHeader: { terminal.styled($0, .bold, .green, on: .standardOutput) })
    }

    /// The table; `styleHeader` decorates each padded header cell (colour codes do not count towards widths).
    public func render(styleHeader: (String) -> String = { $0 }) -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        func rule(_ left: String, _ middle: String, _ right: String, _ fill: Character) -> String {
            left + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: middle) + right
        }
        func row(_ cells: [String], _ edge: String, style: (String) -> String = { $0 }) -> String {
            edge
                + widths.indices.map { column in
                    let cell = cells.indices.contains(column) ? cells[column] : ""
                    return " " + style(cell) + String(repeating: " ", count: widths[column] - cell.count) + " "
                }.joined(separator: edge) + edge
        }
        var lines = [rule("┏", "┳", "┓", "━"), row(header, "┃", style: styleHeader), rule("┡", "╇", "┩", "━")]
        lines += rows.map { row($0, "│") }
        lines.append(rule("└", "┴", "┘", "─"))
        return lines.joined(separator: "\n") + "\n"
    }
}
