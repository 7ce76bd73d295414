import Glibc

/// The process's real standard streams.
public struct StandardTerminal: Terminal {
    /// Creates the terminal of this process.
    public init() {}

    /// Writes all of `text` to file descriptor 1 or 2, retrying short writes and interrupted calls.
    public func write(_ text: String, to stream: TerminalStream) {
        let descriptor: Int32 = stream == .standardOutput ? 1 : 2
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return  // a closed pipe: nothing more can be said
            }
            offset += written
        }
        bytes.removeAll()
    }

    /// Reads one line from standard input.
    public func readLine() -> String? {
        Swift.readLine(strippingNewline: true)
    }

    /// Standard input and standard error are both terminals.
    public var isInteractive: Bool {
        isatty(0) == 1 && isatty(2) == 1
    }

    /// The stream is a terminal, `NO_COLOR` is not set (https://no-color.org) and `TERM` is not `dumb`.
    public func usesColor(on stream: TerminalStream) -> Bool {
        guard isatty(stream == .standardOutput ? 1 : 2) == 1 else { return false }
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        return getenv("TERM").map { String(cString: $0) != "dumb" } ?? true
    }
}
