import AnacondaPluginAPI

/// The `anaconda` host: parses global options, lists and routes to plugins, and wraps every plugin call in the
/// shared error handler.
public final class Host {
    /// The host's version, shown by `anaconda --version`.
    public static let version = "0.1.0"

    let invocation: HostInvocation
    let options: HostOptions
    let catalog: PluginCatalog
    let loader: PluginLoader
    let logger: Logger
    var terminal: any Terminal { invocation.terminal }

    private init(invocation: HostInvocation, options: HostOptions, catalog: PluginCatalog, logger: Logger) {
        self.invocation = invocation
        self.options = options
        self.catalog = catalog
        self.logger = logger
        self.loader = PluginLoader(
            logger: logger, executableDirectory: Paths.parent(of: invocation.executablePath),
            inProcess: invocation.plugins)
    }

    /// Runs one invocation and returns its exit status.
    public static func run(_ invocation: HostInvocation) async -> Int32 {
        let options: HostOptions
        do {
            options = try HostOptions.parse(invocation.arguments)
        } catch {
            invocation.terminal.printError(
                "Usage: anaconda [OPTIONS] COMMAND [ARGS]...\nTry 'anaconda -h' for help.\n\nError: \(error)"
                    + HostOptions.suggestion(for: error))
            return ExitStatus.usage
        }
        let terminal = invocation.terminal
        // --verbose: the plugins' and the client's debug output (config sources, the HTTP trace); -vv adds the host's
        // own plugin-loading chatter (trace level).
        let level: Logger.Level = options.isVeryVerbose ? .trace : options.isVerbose ? .debug : .warning
        let logger = Logger(label: "anaconda") { _ in HostLogHandler(terminal: terminal, logLevel: level) }
        let searchPath = PluginSearchPath(
            environment: invocation.environment,
            executableDirectory: Paths.parent(of: invocation.executablePath),
            homeDirectory: invocation.homeDirectory)
        logger.trace("Plugin search path: \(searchPath.directories.joined(separator: ":"))")
        let catalog = PluginCatalog.discover(in: searchPath, workingDirectory: invocation.workingDirectory)
        for problem in catalog.problems {
            terminal.printError("warning: \(problem)")
        }
        return await Host(invocation: invocation, options: options, catalog: catalog, logger: logger).run()
    }

    private func run() async -> Int32 {
        if options.showVersion {
            terminal.write(
                VersionTable.render(hostVersion: Self.version, plugins: catalog.plugins, terminal: terminal),
                to: .standardOutput)
            return ExitStatus.success
        }
        guard let command = options.command, !options.showHelp else {
            terminal.write(HostHelp.render(catalog: catalog) + "\n", to: .standardOutput)
            return options.showHelp ? ExitStatus.success : ExitStatus.usage
        }
        if command == "__complete" {
            let candidates = await ShellCompletion(host: self).candidates(options.commandArguments)
            if !candidates.isEmpty { terminal.print(candidates.joined(separator: "\n")) }
            return ExitStatus.success
        }
        if command == "completion" {
            guard let shell = options.commandArguments.first, let script = ShellCompletion.script(for: shell) else {
                terminal.printError(
                    "Usage: anaconda completion bash|zsh|fish\n\n  Print the shell completion script (see the README).")
                return ExitStatus.usage
            }
            terminal.write(script, to: .standardOutput)
            return ExitStatus.success
        }
        if command == "help" {
            // `anaconda help [COMMAND [SUBCOMMAND...]]`, as ArgumentParser's hints suggest.
            guard let target = options.commandArguments.first else {
                terminal.write(HostHelp.render(catalog: catalog) + "\n", to: .standardOutput)
                return ExitStatus.success
            }
            if let verb = LoginRouter.Verb(rawValue: target), !catalog.loginProviders.isEmpty {
                return await LoginRouter(host: self, verb: verb).run(arguments: ["--help"])
            }
            guard let (plugin, _) = catalog.plugin(providing: target) else { return unknownCommand(target) }
            return await runHandled(
                plugin, command: target, arguments: Array(options.commandArguments.dropFirst()) + ["--help"],
                site: options.site)
        }
        if let verb = LoginRouter.Verb(rawValue: command), !catalog.loginProviders.isEmpty {
            return await LoginRouter(host: self, verb: verb).run(arguments: options.commandArguments)
        }
        guard let (plugin, _) = catalog.plugin(providing: command) else {
            return unknownCommand(command)
        }
        return await runHandled(plugin, command: command, arguments: options.commandArguments, site: options.site)
    }

    /// A usage error; but when some manifests could not be read the command may be in one of them, so that is a
    /// plugin failure (exit 1) rather than a typo.
    private func unknownCommand(_ command: String) -> Int32 {
        let broken = catalog.problems.count
        let note =
            broken == 0
            ? ""
            : " (\(broken) plugin manifest\(broken == 1 ? "" : "s") could not be read, see the warnings above)"
        let commands =
            catalog.visibleCommands.map(\.command.name)
            + (catalog.loginProviders.isEmpty ? [] : LoginRouter.Verb.allCases.map(\.rawValue)) + ["help"]
        let suggestion =
            broken == 0 ? CloseMatches.of(command, in: commands).first.map { " Did you mean '\($0)'?" } ?? "" : ""
        terminal.printError(
            "Usage: anaconda [OPTIONS] COMMAND [ARGS]...\nTry 'anaconda -h' for help.\n\n"
                + "Error: No such command '\(command)'\(note).\(suggestion)")
        return broken == 0 ? ExitStatus.usage : ExitStatus.failure
    }

    /// The context plugin commands run in.
    func context(site: String?) -> PluginContext {
        PluginContext(
            environment: invocation.environment,
            homeDirectory: invocation.homeDirectory,
            workingDirectory: invocation.workingDirectory,
            terminal: terminal,
            site: site,
            isVerbose: options.isVerbose,
            logger: logger,
            clock: invocation.clock,
            services: invocation.services)
    }

    /// Runs a plugin command inside the shared error handler; an authentication error may lead to a login and
    /// one re-run of the command.
    func runHandled(
        _ plugin: InstalledPlugin, command: String, arguments: [String], site: String?,
        invokedAs: CommandRunner.InvocationName? = nil
    ) async -> Int32 {
        var mayRetry = true
        while true {
            do {
                let object = try loader.load(plugin)
                guard let commandType = object.commands.first(where: { $0._commandName == command }) else {
                    throw PluginLoadError(
                        plugin, "the library has no command '\(command)' although its manifest lists it")
                }
                logger.trace("Running '\(command)' from plugin '\(plugin.name)'")
                try await CommandRunner.run(
                    commandType, arguments: arguments, in: context(site: site), invokedAs: invokedAs)
                return ExitStatus.success
            } catch let exit as CommandExit {
                return exit.status
            } catch is CancellationError {
                return ExitStatus.interrupted
            } catch {
                let report = ErrorReport(for: error)
                guard let authentication = report.authentication else { return fail(report) }
                switch await recover(
                    from: report, failure: authentication.failure,
                    site: authentication.site ?? site, mayRetry: mayRetry)
                {
                case .retry:
                    mayRetry = false
                    logger.debug("Running '\(command)' again after login")
                case .exit(let status):
                    return status
                }
            }
        }
    }

    /// Prints an error: the headline, then the cause chain with `--verbose` or the hint to use it. Returns 1.
    func fail(_ report: ErrorReport) -> Int32 {
        terminal.printError(terminal.errorHeadline(report.headline))
        printDetails(of: report)
        return ExitStatus.failure
    }

    func printDetails(of report: ErrorReport) {
        if options.isVerbose {
            for cause in report.causes {
                terminal.printError("Caused by: \(cause)")
            }
        } else {
            terminal.printError(
                "\n" + terminal.styled("To see a more detailed error message run the command again as", .dim) + "\n  "
                    + terminal.styled(
                        "anaconda --verbose "
                            + ShellQuoting.commandLine(invocation.arguments, secretPaths: catalog.secretCommandPaths),
                        .green))
        }
    }
}
