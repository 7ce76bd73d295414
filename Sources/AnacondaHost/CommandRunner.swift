import AnacondaPluginAPI

/// Parses a plugin command's arguments with ArgumentParser and runs it in a context.
/// ArgumentParser's own outcomes (help, usage errors, `ExitCode`) are printed here, help and usage errors in the
/// reference's click style (``ClickHelp``), and become a ``CommandExit``; every other error is left to the shared
/// error handler.
enum CommandRunner {
    /// How the user typed the command, for help and usage errors: `invokedAs(["login"])` is `anaconda auth login`
    /// (or `anaconda login` when the host routed `anaconda login` to the plugin).
    typealias InvocationName = @Sendable ([String]) -> String

    static func run(
        _ commandType: any PluginCommand.Type,
        arguments: [String],
        in context: PluginContext,
        invokedAs: InvocationName? = nil
    ) async throws {
        let output = Output(
            commandType: commandType, arguments: arguments, terminal: context.terminal,
            columns: context.environment["COLUMNS"].flatMap(Int.init) ?? 80,
            invokedAs: invokedAs ?? { path in (["anaconda", commandType._commandName] + path).joined(separator: " ") })
        let parsed: any ParsableCommand
        do {
            parsed = try commandType.parseAsRoot(arguments)
        } catch {
            throw output.exit(for: error)
        }
        guard let command = parsed as? any PluginCommand else {
            // ArgumentParser's own `help` command, or a group with no subcommand chosen: both end in help.
            do {
                var builtIn = parsed
                try builtIn.run()
                return
            } catch {
                throw output.exit(for: error)
            }
        }
        do {
            try await command.run(in: context)
        } catch let error where isArgumentParserOutcome(error) {
            throw output.exit(for: error)
        }
    }

    static func isArgumentParserOutcome(_ error: any Error) -> Bool {
        error is ValidationError || error is CleanExit || error is ExitCode
    }

    /// Prints ArgumentParser's outcomes.
    struct Output {
        let commandType: any PluginCommand.Type
        let arguments: [String]
        let terminal: any Terminal
        let columns: Int
        let invokedAs: InvocationName

        /// Help to standard output, the rest to standard error; usage errors exit 2, as in the reference
        /// (ArgumentParser would use 64).
        func exit(for error: any Error) -> CommandExit {
            let message = commandType.fullMessage(for: error)
            let code = commandType.exitCode(for: error)
            let isHelp = code == .success && (message.hasPrefix("OVERVIEW:") || message.hasPrefix("USAGE:"))
            if isHelp, let help = ClickHelp(commandType) {
                let (command, path) = help.target(of: arguments)
                terminal.write(
                    ClickHelp.render(command, invokedAs: invokedAs(path), columns: columns), to: .standardOutput)
                return CommandExit(status: ExitStatus.success)
            }
            if code == .validationFailure, let help = ClickHelp(commandType) {
                let (command, path) = help.target(of: arguments)
                let name = invokedAs(path)
                terminal.printError(
                    ClickHelp.usage(command, invokedAs: name) + "\nTry '\(name) --help' for help.\n\nError: "
                        + Self.clickWording(commandType.message(for: error), command: command))
                return CommandExit(status: ExitStatus.usage)
            }
            if !message.isEmpty {
                terminal.write(message + "\n", to: code == .success ? .standardOutput : .standardError)
            }
            if code == .validationFailure { return CommandExit(status: ExitStatus.usage) }
            return CommandExit(status: code.rawValue)
        }

        /// ArgumentParser's usage messages as click words them, with "Did you mean" for a mistyped option.
        static func clickWording(_ message: String, command: ClickHelp.Command) -> String {
            /// The quoted word after `prefix` (ArgumentParser may add its own "Did you mean" after it).
            func quoted(after prefix: String) -> String? {
                guard message.hasPrefix(prefix) else { return nil }
                return String(message.dropFirst(prefix.count).prefix { $0 != "'" })
            }
            if let option = quoted(after: "Unknown option '") {
                let names = Array(Set(command.arguments.flatMap(\.names).filter { $0.hasPrefix("--") } + ["--help"]))
                    .sorted()
                let matches = CloseMatches.of(option, in: names)
                let hint =
                    matches.count == 1
                    ? " Did you mean \(matches[0])?"
                    : matches.isEmpty ? "" : " (Possible options: \(matches.joined(separator: ", ")))"
                return "No such option: \(option)\(hint)"
            }
            if let argument = quoted(after: "Missing expected argument '") {
                let name = argument.filter { $0 != "<" && $0 != ">" }.uppercased().replacingAll("-", with: "_")
                return "Missing argument '\(name)'."
            }
            if let argument = quoted(after: "Unexpected argument '") {
                return "Got unexpected extra argument (\(argument))"
            }
            return message
        }
    }
}
