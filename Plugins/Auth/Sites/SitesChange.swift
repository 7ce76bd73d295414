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
            value == .yes ? "Write the change without asking." : "Print the change as a diff; write nothing."
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
            context.terminal.write(
                UnifiedDiff.colored(
                    UnifiedDiff.fileDiff(from: oldText, to: newText, path: file.path), for: context.terminal,
                    on: .standardOutput),
                to: .standardOutput)
        }
        switch confirmation {
        case .dryRun:
            return
        case nil:
            guard let answer = context.terminal.confirm("Confirm: [y/n]: ") else {
                context.terminal.printError("Aborted.")
                throw ExitCode.failure
            }
            guard answer else { return }
        case .yes:
            break
        }
        try ConfigBackup.make(of: file.path)
        try AtomicFileWriter.write(Array(newText.utf8), to: file.path)
        context.terminal.printError("Wrote \(file.path)")
    }

    /// Prints `message` and exits 2, as the reference does for bad arguments.
    static func usageError(_ message: String, _ context: PluginContext) -> ExitCode {
        context.terminal.printError(message)
        return ExitCode.usage
    }

    /// Prints `message` and exits 1.
    static func failure(_ message: String, _ context: PluginContext) -> ExitCode {
        context.terminal.printError(message)
        return ExitCode.failure
    }
}
