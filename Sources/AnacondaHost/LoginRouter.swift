import AnacondaPluginAPI

/// `anaconda login|logout|whoami [--at SITE] [args...]`: picks the login provider and site, then runs
/// `<provider command> <verb> [args...]` through the shared error handler with the site passed down.
struct LoginRouter {
    enum Verb: String, CaseIterable {
        case login, logout, whoami

        var summary: String {
            switch self {
            case .login: "Sign into Anaconda services"
            case .logout: "Sign out from Anaconda services"
            case .whoami: "Display account information"
            }
        }
    }

    /// A site of one provider; `destination` is `nil` for a provider that lists no sites.
    struct Choice {
        var plugin: InstalledPlugin
        var destination: LoginDestination?

        var label: String { destination?.label ?? plugin.name }
        var isDefault: Bool { destination?.isDefault ?? false }
    }

    let host: Host
    let verb: Verb

    func run(arguments: [String]) async -> Int32 {
        let terminal = host.terminal
        var wrapperSite: String?
        var forwarded: [String] = []
        var wantsHelp = false
        var index = 0
        while index < arguments.count {
            if wrapperSite == nil, let match = SiteArgument.match(arguments, at: index), let site = match.site {
                wrapperSite = site
                index += match.count
                continue
            }
            let argument = arguments[index]
            index += 1
            if argument == "-h" || argument == "--help" {
                wantsHelp = true
            } else if argument == "--" {
                forwarded += arguments[index...]
                break
            } else {
                forwarded.append(argument)
            }
        }
        let requested: String?
        do {
            requested = try PluginContext.site(global: host.options.site, command: wrapperSite)
        } catch {
            return host.fail(ErrorReport(for: error))
        }
        let choices: [Choice]
        do {
            choices = try allChoices()
        } catch {
            return host.fail(ErrorReport(for: error))
        }
        if wantsHelp && wrapperSite == nil {
            terminal.print(help(choices: choices))
            return ExitStatus.success
        }
        if wantsHelp { forwarded.append("--help") }
        let choice: Choice
        if let requested {
            guard let match = choices.first(where: { $0.destination?.matches(requested) ?? false }) else {
                terminal.printError(
                    "\(requested) is not an allowed value for --at. Use one of \n"
                        + choices.map { "* \($0.label)" }.joined(separator: "\n"))
                terminal.printError("Aborted.")
                return ExitStatus.usage
            }
            choice = match
        } else if choices.count > 1, terminal.isInteractive {
            guard let picked = DestinationPicker.choose(from: choices.map(\.label), terminal: terminal)
            else {
                terminal.printError("Aborted.")
                return ExitStatus.failure
            }
            choice = choices[picked]
        } else {
            choice = choices.first(where: \.isDefault) ?? choices[0]
        }
        let loginCommand = choice.plugin.loginCommand ?? choice.plugin.name
        return await host.runHandled(
            choice.plugin,
            command: loginCommand,
            arguments: [verb.rawValue] + forwarded,
            site: choice.destination?.name ?? requested,
            invokedAs: { path in (["anaconda"] + path).joined(separator: " ") })
    }

    /// Every provider's sites, the default site first.
    private func allChoices() throws -> [Choice] {
        var choices: [Choice] = []
        for plugin in host.catalog.loginProviders {
            let provider = try host.loginProviderObject(plugin)
            let destinations = try provider.loginDestinations(in: host.context(site: nil))
            if destinations.isEmpty {
                choices.append(Choice(plugin: plugin, destination: nil))
            } else {
                choices += destinations.map { Choice(plugin: plugin, destination: $0) }
            }
        }
        return choices.filter(\.isDefault) + choices.filter { !$0.isDefault }
    }

    /// `--at` with the sites to choose from, then the options the default provider's command accepts (its
    /// ArgumentParser tree; the plugin is loaded for that), then `--help`.
    private func help(choices: [Choice]) -> String {
        let names = choices.compactMap { $0.destination.map { "'\($0.name)'" } }.joined(separator: ", ")
        var rows = [("--at SITE", "Choose from [\(names)]")]
        if let plugin = (choices.first(where: \.isDefault) ?? choices.first)?.plugin,
            let object = try? host.loader.load(plugin),
            let commandType = object.commands.first(where: { $0._commandName == (plugin.loginCommand ?? plugin.name) }),
            let tree = ClickHelp(commandType)
        {
            rows += ClickHelp.optionRows(tree.target(of: [verb.rawValue]).command).filter { !$0.0.hasPrefix("--at ") }
        }
        rows.append(("-h, --help", "Show this message and exit."))
        return """
            Usage: anaconda \(verb.rawValue) [OPTIONS] [ARGS]...

              \(verb.summary)

            Options:
            \(ClickHelp.table(rows, columns: host.invocation.environment["COLUMNS"].flatMap(Int.init) ?? 80))
            """
    }
}
