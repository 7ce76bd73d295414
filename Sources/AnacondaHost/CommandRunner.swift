import AnacondaPluginAPI

/// Parses a plugin command's arguments with ArgumentParser and runs it in a context.
/// ArgumentParser's own outcomes (help, usage errors, `ExitCode`) are printed here and become a ``CommandExit``;
/// every other error is left to the shared error handler.
enum CommandRunner {
    static func run(
        _ commandType: any PluginCommand.Type,
        arguments: [String],
        in context: PluginContext
    ) async throws {
        let parsed: any ParsableCommand
        do {
            parsed = try commandType.parseAsRoot(arguments)
        } catch {
            throw exit(for: error, commandType: commandType, terminal: context.terminal)
        }
        guard let command = parsed as? any PluginCommand else {
            // ArgumentParser's own `help` command, or a group with no subcommand chosen: both end in help.
            do {
                var builtIn = parsed
                try builtIn.run()
                return
            } catch {
                throw exit(for: error, commandType: commandType, terminal: context.terminal)
            }
        }
        do {
            try await command.run(in: context)
        } catch let error where isArgumentParserOutcome(error) {
            throw exit(for: error, commandType: commandType, terminal: context.terminal)
        }
    }

    static func isArgumentParserOutcome(_ error: any Error) -> Bool {
        error is ValidationError || error is CleanExit || error is ExitCode
    }

    /// Prints ArgumentParser's message for `error` (help to standard output, the rest to standard error) and maps
    /// its exit code: usage errors exit 2, as in the reference (ArgumentParser would use 64).
    private static func exit(
        for error: any Error,
        commandType: any PluginCommand.Type,
        terminal: any Terminal
    ) -> CommandExit {
        let message = commandType.fullMessage(for: error)
        let code = commandType.exitCode(for: error)
        if !message.isEmpty {
            terminal.write(message + "\n", to: code == .success ? .standardOutput : .standardError)
        }
        if code == .validationFailure { return CommandExit(status: ExitStatus.usage) }
        return CommandExit(status: code.rawValue)
    }
}
