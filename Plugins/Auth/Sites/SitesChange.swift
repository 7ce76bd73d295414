import AnacondaAuth
import AnacondaPluginAPI
import FoundationEssentials
import Glibc

/// The end of every `sites add|modify|remove`: show the change as a unified diff, ask (unless `--yes` or
/// `--dry-run`), then back up and atomically rewrite `config.toml` (mode 0600).
enum SitesChange {
    enum Confirmation: String, EnumerableFlag {
        case yes
        case dryRun

        static func name(for value: Confirmation) -> NameSpecification {
            value == .yes ? [.customLong("yes"), .customShort("y")] : [.customLong("dry-run")]
        }

        static func help(for value: Confirmation) -> ArgumentHelp? {
            value == .yes ? "Confirm changes and write, use --dry-run to print diff but do not write" : nil
        }
    }

    static func apply(
        _ newText: String,
        to file: ConfigFile,
        confirmation: Confirmation?,
        in context: PluginContext
    ) throws {
        let oldText = file.text ?? ""
        if newText == oldText {
            context.terminal.printError("No change to \(file.path)")
            return
        }
        if confirmation != .yes {
            context.terminal.write(diff(from: oldText, to: newText, file: file), to: .standardOutput)
        }
        switch confirmation {
        case .dryRun:
            return
        case nil:
            guard let answer = context.terminal.confirm("Confirm: [y/n]: ") else {
                context.terminal.printError("Aborted.")
                throw ExitCode(1)
            }
            guard answer else { return }
        case .yes:
            break
        }
        try ConfigBackup.make(of: file.path)
        try AtomicFileWriter.write(Array(newText.utf8), to: file.path)
    }

    /// The change as Python's `difflib.unified_diff` shows it, with modification times in the headers.
    static func diff(from oldText: String, to newText: String, file: ConfigFile) -> String {
        func lines(_ text: String) -> [String] {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate]) as? Date
        let output = UnifiedDiff.lines(
            from: lines(oldText), to: lines(newText), fromFile: file.path, toFile: file.path,
            fromDate: modified.map(stamp) ?? "", toDate: stamp(Date()))
        return output.map { $0 + "\n" }.joined()
    }

    /// `%m-%d-%y %H:%M` in local time.
    private static func stamp(_ date: Date) -> String {
        var seconds = time_t(exactly: date.timeIntervalSince1970.rounded(.down)) ?? 0
        var parts = tm()
        localtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))-\(two(parts.tm_year % 100)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min))"
    }

    /// Prints `message` and exits 2, as the reference does for bad arguments.
    static func usageError(_ message: String, _ context: PluginContext) -> ExitCode {
        context.terminal.printError(message)
        return ExitCode(2)
    }

    /// Prints `message` and exits 1.
    static func failure(_ message: String, _ context: PluginContext) -> ExitCode {
        context.terminal.printError(message)
        return ExitCode(1)
    }
}
