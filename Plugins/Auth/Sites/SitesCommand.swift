import AnacondaPluginAPI

/// `anaconda sites list|show|add|modify|remove`
struct SitesCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        _superCommandName: "anaconda",
        abstract: "Manage your Anaconda site configuration",
        subcommands: [
            SitesListCommand.self, SitesShowCommand.self, SitesAddCommand.self, SitesModifyCommand.self,
            SitesRemoveCommand.self,
        ])

    func run(in context: PluginContext) async throws {
        throw CleanExit.helpRequest(self)
    }
}
