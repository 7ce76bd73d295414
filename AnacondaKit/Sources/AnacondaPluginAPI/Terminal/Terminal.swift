/// The two output streams of a command.
public enum TerminalStream: Sendable {
    /// Results: what a script captures, e.g. `KEY=$(anaconda auth api-key)`.
    case standardOutput
    /// Everything else: errors, prompts, progress, warnings.
    case standardError
}

/// The terminal a command talks to. Results go to standard output, everything else to standard error.
public protocol Terminal: Sendable {
    /// Writes `text` as is (no newline added) to `stream`.
    func write(_ text: String, to stream: TerminalStream)
    /// Reads one line from standard input without its newline; `nil` at end of input.
    func readLine() -> String?
    /// Whether prompts can be shown and answered: standard input and standard error are terminals.
    var isInteractive: Bool { get }
}

extension Terminal {
    /// Writes `text` and a newline to standard output.
    public func print(_ text: String) {
        write(text + "\n", to: .standardOutput)
    }

    /// Writes `text` and a newline to standard error.
    public func printError(_ text: String) {
        write(text + "\n", to: .standardError)
    }

    /// Asks `question` on standard error until the answer is `y` or `n` (any case). Returns `nil` at end of input.
    /// An invalid answer prints `Please enter Y or N`, as the reference does.
    public func confirm(_ question: String) -> Bool? {
        while true {
            write(question, to: .standardError)
            guard let answer = readLine() else {
                write("\n", to: .standardError)
                return nil
            }
            switch answer.trimmingWhitespace().lowercased() {
            case "y", "yes": return true
            case "n", "no": return false
            default: printError("Please enter Y or N")
            }
        }
    }
}
