import AnacondaPluginAPI

/// Asks which site to use when several are configured and no `--at` was given (terminal only).
enum DestinationPicker {
    /// The index chosen among `labels`, or `nil` at end of input (or with nothing to choose from). An empty answer
    /// picks the first (default) entry.
    static func choose(from labels: [String], terminal: any Terminal) -> Int? {
        guard !labels.isEmpty else { return nil }
        terminal.printError("choose destination:")
        for (index, label) in labels.enumerated() {
            terminal.printError("  \(index + 1)) \(label)")
        }
        while true {
            terminal.write("Enter a number [1]: ", to: .standardError)
            guard let answer = terminal.readLine()?.trimmingWhitespace() else {
                terminal.write("\n", to: .standardError)
                return nil
            }
            if answer.isEmpty { return 0 }
            if let number = Int(answer), labels.indices.contains(number - 1) { return number - 1 }
            terminal.printError("Please enter a number between 1 and \(labels.count)")
        }
    }
}
