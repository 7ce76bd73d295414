import AnacondaPluginAPI

/// Asks which site to use when several are configured and no `--at` was given (terminal only).
enum DestinationPicker {
    /// The index chosen, or `nil` at end of input. An empty answer picks the first (default) entry.
    static func choose(from destinations: [LoginDestination], terminal: any Terminal) -> Int? {
        terminal.printError("choose destination:")
        for (index, destination) in destinations.enumerated() {
            terminal.printError("  \(index + 1)) \(destination.label)")
        }
        while true {
            terminal.write("Enter a number [1]: ", to: .standardError)
            guard let answer = terminal.readLine()?.trimmingWhitespace() else {
                terminal.write("\n", to: .standardError)
                return nil
            }
            if answer.isEmpty { return 0 }
            if let number = Int(answer), (1...destinations.count).contains(number) { return number - 1 }
            terminal.printError("Please enter a number between 1 and \(destinations.count)")
        }
    }
}
