import AnacondaPluginAPI

/// `anaconda plugin wait`: prints `waiting` and sleeps, so tests can interrupt a running command.
struct WaitCommand: PluginCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: "Wait up to 30 seconds.")

    func run(in context: PluginContext) async throws {
        context.terminal.printError("waiting")
        try await Task.sleep(for: .seconds(30))
    }
}
