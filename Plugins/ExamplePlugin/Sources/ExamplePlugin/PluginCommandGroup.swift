import AnacondaPluginAPI

/// `anaconda plugin ...`
struct PluginCommandGroup: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        _superCommandName: "anaconda",
        abstract: "An example third-party plugin.",
        subcommands: [
            DoSomethingCommand.self, FailCommand.self, NeedLoginCommand.self, WaitCommand.self, ContextCommand.self,
        ])

    func run(in context: PluginContext) async throws {
        throw CleanExit.helpRequest(self)
    }
}
