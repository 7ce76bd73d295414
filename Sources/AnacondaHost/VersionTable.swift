/// `anaconda --version`: the host and every installed plugin with its version, from manifests.
enum VersionTable {
    static func render(hostVersion: String, plugins: [InstalledPlugin]) -> String {
        let rows = [("anaconda", hostVersion)] + plugins.sorted { $0.name < $1.name }.map { ($0.name, $0.manifest.version) }
        let header = ("Package", "Version")
        let first = max(header.0.count, rows.map(\.0.count).max() ?? 0)
        let second = max(header.1.count, rows.map(\.1.count).max() ?? 0)
        func line(_ left: String, _ middle: String, _ right: String, _ fill: String) -> String {
            left + String(repeating: fill, count: first + 2) + middle + String(repeating: fill, count: second + 2) + right
        }
        func row(_ edge: String, _ a: String, _ b: String) -> String {
            "\(edge) \(a.padded(to: first)) \(edge) \(b.padded(to: second)) \(edge)"
        }
        var lines = [line("┏", "┳", "┓", "━"), row("┃", header.0, header.1), line("┡", "╇", "┩", "━")]
        lines += rows.map { row("│", $0.0, $0.1) }
        lines.append(line("└", "┴", "┘", "─"))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
