/// A command a plugin adds to `anaconda`. The host parses the arguments with ArgumentParser and then calls
/// ``run(in:)`` with everything the command may touch; the command reads nothing from the process directly.
public protocol PluginCommand: ParsableCommand {
    /// Runs the command. Errors are rendered by the host's shared error handler.
    func run(in context: PluginContext) async throws
}

extension PluginCommand {
    /// Plugin commands run only inside the host, which calls ``run(in:)``.
    public func run() throws {
        throw AnacondaError(.pluginError, message: "\(Self._commandName) must be run by the anaconda host")
    }
}
