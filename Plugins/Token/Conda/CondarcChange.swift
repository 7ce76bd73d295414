import AnacondaAuth
import AnacondaPluginAPI
import Glibc

/// Reading a `.condarc` and writing a change to it the way `anaconda sites` writes `config.toml`: the change shown
/// as a unified diff and confirmed (unless the command's `--yes`/`--force`), the old file kept as `<file>.bak` (the
/// reference's backup name), the new one written atomically with the old file's mode.
struct CondarcChange {
    let path: String
    /// The file's text; `nil` when it does not exist.
    let original: String?
    var editor: CondarcEditor

    /// Reads and checks the file at `path` (a missing file is an empty one).
    init(path: String) throws {
        self.path = path
        switch RegularFile.read(path) {
        case .success(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw AnacondaError(.condaRCError, message: "\(path): the file is not UTF-8 text; nothing was changed")
            }
            original = text
        case .failure(.missing):
            original = nil
        case .failure(let failure):
            throw AnacondaError(.condaRCError, message: "\(path) cannot be read: \(failure)")
        }
        editor = CondarcEditor(try CondarcDocument(path: path, text: original ?? ""))
    }

    var hasChanges: Bool { editor.text != (original ?? "") }

    /// Shows the diff on standard error and asks `Proceed? [y/n] (n): ` unless `assumeYes`. Off a terminal nothing
    /// is asked: without `assumeYes` that is an error naming `option`. Returns whether to write.
    func confirm(assumeYes: Bool, option: String, in context: PluginContext) throws -> Bool {
        if assumeYes { return true }
        let terminal = context.terminal
        terminal.write(
            UnifiedDiff.colored(
                UnifiedDiff.fileDiff(from: original ?? "", to: editor.text, path: path), for: terminal,
                on: .standardError),
            to: .standardError)
        guard terminal.isInteractive else {
            throw AnacondaError(
                .confirmationRequired,
                message:
                    "\(path) would change as shown; run again with \(option) to write it without asking, or on a terminal"
            )
        }
        return try Prompts.proceed(terminal)
    }

    /// Backs up the old file to `<path>.bak` (when there was one) and writes the new text atomically.
    func write() throws {
        var info = stat()
        let mode = stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0o644
        if let original {
            try AtomicFileWriter.write(Array(original.utf8), to: path + ".bak", mode: mode, directoryMode: 0o755)
        }
        try AtomicFileWriter.write(Array(editor.text.utf8), to: path, mode: mode, directoryMode: 0o755)
    }
}

/// The reference's yes/no question (rich's `Confirm.ask(..., default=False)`).
enum Prompts {
    /// `Proceed? [y/n] (n): `: `y` or `n`, an empty answer is no; anything else asks again. End of input aborts.
    static func proceed(_ terminal: any Terminal) throws -> Bool {
        while true {
            terminal.write(terminal.styledQuestion("Proceed? [y/n] (n): "), to: .standardError)
            guard let answer = terminal.readLine() else {
                terminal.write("\n", to: .standardError)
                terminal.printError("Aborted.")
                throw ExitCode.failure
            }
            switch answer.trimmingWhitespace().lowercased() {
            case "y": return true
            case "n", "": return false
            default: terminal.printError(terminal.styled("Please enter Y or N", .red))
            }
        }
    }
}
