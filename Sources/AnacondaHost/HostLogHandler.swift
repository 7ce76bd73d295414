import AnacondaPluginAPI

/// Writes log records as `<level>: <message>` lines to standard error. Only `--verbose` lowers the level to debug.
struct HostLogHandler: LogHandler {
    var terminal: any Terminal
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        terminal.write("\(event.level): \(event.message)\n", to: .standardError)
    }
}
