import AnacondaPluginAPI

/// Asks which site to use when several are configured and no `--at` was given (terminal only).
enum DestinationPicker {
    /// The index chosen among `labels`, or `nil` at end of input (or with nothing to choose from). An empty answer
    /// picks the first (default) entry.
    static func choose(from labels: [String], terminal: any Terminal) -> Int? {
        terminal.choose("choose destination:", from: labels)
    }
}
