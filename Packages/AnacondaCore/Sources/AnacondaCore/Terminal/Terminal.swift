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
    /// Whether `stream` shows colour (a terminal, no `NO_COLOR`, not `TERM=dumb`). Test terminals say no.
    func usesColor(on stream: TerminalStream) -> Bool
}

extension Terminal {
    /// Plain text unless a terminal says otherwise.
    public func usesColor(on stream: TerminalStream) -> Bool { false }

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
            write(styledQuestion(question), to: .standardError)
            guard let answer = readLine() else {
                write("\n", to: .standardError)
                return nil
            }
            switch answer.trimmingWhitespace().lowercased() {
            case "y", "yes": return true
            case "n", "no": return false
            default: printError(styled("Please enter Y or N", .red))
            }
        }
    }

    /// A question with its `[y/n]` in bold magenta and a default like `(n)` in bold cyan, as rich's `Confirm` shows.
    public func styledQuestion(_ question: String) -> String {
        var text = question
        for (part, color) in [("[y/n]", TextStyle.magenta), ("(n)", .cyan), ("(y)", .cyan)] {
            if let range = text.firstRange(of: part) { text.replaceSubrange(range, with: styled(part, .bold, color)) }
        }
        return text
    }
}
