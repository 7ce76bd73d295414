import AnacondaPluginAPI

/// `anaconda plugin context [--at SITE]`: prints what the host passed down.
struct ContextCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "context", abstract: "Print the site and verbosity the host passed down.")

    @Option(help: "The site to use.")
    var at: String?

    func run(in context: PluginContext) async throws {
        let site = try context.site(commandOption: at)
        context.logger.debug("context command running")
        context.terminal.print("site=\(site ?? "-") verbose=\(context.isVerbose)")
        context.terminal.print("env ANACONDA_DEFAULT_SITE=\(context.environment["ANACONDA_DEFAULT_SITE"] ?? "-")")
    }
}
