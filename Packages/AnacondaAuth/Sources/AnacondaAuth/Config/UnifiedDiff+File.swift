import AnacondaCore
import FoundationEssentials
import Glibc

extension UnifiedDiff {
    /// The change of the file at `path` from `oldText` to `newText` as Python's `difflib.unified_diff` shows it
    /// (as `anaconda sites` prints it), with the file's modification time and now in the headers; each line ends
    /// with a newline.
    public static func fileDiff(from oldText: String, to newText: String, path: String, now: Date = Date()) -> String {
        func lines(_ text: String) -> [String] {
            var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                .map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
        var info = stat()
        let modified = stat(path, &info) == 0 ? stamp(seconds: info.st_mtim.tv_sec) : ""
        let output = UnifiedDiff.lines(
            from: lines(oldText), to: lines(newText), fromFile: path, toFile: path, fromDate: modified,
            toDate: stamp(seconds: time_t(exactly: now.timeIntervalSince1970.rounded(.down)) ?? 0))
        return output.map { $0 + "\n" }.joined()
    }

    /// A diff with added lines green, removed lines red and hunk headers cyan, where `stream` shows colour.
    public static func colored(_ diff: String, for terminal: any Terminal, on stream: TerminalStream) -> String {
        guard terminal.usesColor(on: stream) else { return diff }
        return diff.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let text = String(line)
            if text.hasPrefix("+++") || text.hasPrefix("---") { return terminal.styled(text, .bold, on: stream) }
            if text.hasPrefix("+") { return terminal.styled(text, .green, on: stream) }
            if text.hasPrefix("-") { return terminal.styled(text, .red, on: stream) }
            if text.hasPrefix("@@") { return terminal.styled(text, .cyan, on: stream) }
            return text
        }.joined(separator: "\n")
    }

    /// `%m-%d-%y %H:%M` in local time.
    private static func stamp(seconds: time_t) -> String {
        var seconds = seconds
        var parts = tm()
        localtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))-\(two(parts.tm_year % 100)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min))"
    }
}
