import AnacondaPluginAPI

/// `anaconda token list|install|config|uninstall|set|remove`
struct TokenCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        _superCommandName: "anaconda",
        abstract: "Manage your Anaconda repo tokens.",
        subcommands: [
            TokenListCommand.self, TokenInstallCommand.self, TokenConfigCommand.self, TokenUninstallCommand.self,
            TokenSetCommand.self, TokenRemoveCommand.self,
        ])

    func run(in context: PluginContext) async throws {
        throw CleanExit.helpRequest(self)
    }
}

/// `-f/--file`, `-e/--env`, `-s/--system`: which `.condarc` to write (the user's `~/.condarc` without them).
struct CondarcLocationOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Write to this .condarc file instead of ~/.condarc.")
    var file: String?

    @Flag(
        name: [.short, .customLong("env")],
        help: "Write to the active conda environment's .condarc file ($CONDA_PREFIX); without one, to ~/.condarc.")
    var env = false

    @Flag(name: [.short, .long], help: "Write to the conda installation's .condarc file.")
    var system = false

    func location() throws -> CondarcLocation { try CondarcLocation(file: file, env: env, system: system) }

    func validate() throws { _ = try location() }
}
