import AnacondaPluginAPI

/// `anaconda auth login|whoami|api-key|logout`
struct AuthCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        _superCommandName: "anaconda",
        abstract: "Manage your Anaconda authentication",
        subcommands: [
            LoginCommand.self, WhoamiCommand.self, APIKeyCommand.self, LogoutCommand.self, StatusCommand.self,
        ])

    func run(in context: PluginContext) async throws {
        throw CleanExit.helpRequest(self)
    }
}
