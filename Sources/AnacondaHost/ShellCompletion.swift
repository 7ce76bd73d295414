import AnacondaPluginAPI

/// `anaconda completion bash|zsh|fish` prints a script that asks the host for candidates as the user types:
/// `anaconda __complete WORD... CURRENT` prints one candidate per line. Commands and subcommands come from the
/// manifests; a command's options from its plugin's ArgumentParser tree (the plugin is loaded only while
/// completing); site names and domains after `--at` from the login providers.
struct ShellCompletion {
    let host: Host

    static let shells = ["bash", "zsh", "fish"]

    /// The script for `shell`, or `nil` for a shell this does not know.
    static func script(for shell: String) -> String? {
        switch shell {
        case "bash":
            return """
                # anaconda completion for bash: source it, e.g. from ~/.bashrc:
                #   eval "$(anaconda completion bash)"
                _anaconda() {
                    local IFS=$'\\n'
                    COMPREPLY=($(command anaconda __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
                }
                complete -o default -F _anaconda anaconda

                """
        case "zsh":
            return """
                #compdef anaconda
                # anaconda completion for zsh: source it after compinit, e.g. from ~/.zshrc:
                #   eval "$(anaconda completion zsh)"
                _anaconda() {
                    local -a candidates
                    candidates=("${(@f)$(command anaconda __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
                    compadd -a candidates
                }
                compdef _anaconda anaconda

                """
        case "fish":
            return """
                # anaconda completion for fish: save it as ~/.config/fish/completions/anaconda.fish, or
                #   anaconda completion fish | source
                function __anaconda_complete
                    set -l tokens (commandline -opc) (commandline -ct)
                    command anaconda __complete $tokens[2..-1] 2>/dev/null
                end
                complete -c anaconda -f -a '(__anaconda_complete)'

                """
        default:
            return nil
        }
    }

    /// Candidates for the last of `words` (the word being typed; the others are complete).
    func candidates(_ words: [String]) async -> [String] {
        let current = words.last ?? ""
        let previous = Array(words.dropLast())
        if previous.last == "--at" { return filter(await siteNames(), current) }
        // The command word: the first that is neither a global option nor the value of --at.
        var index = 0
        while index < previous.count, previous[index].hasPrefix("-") {
            index += previous[index] == "--at" ? 2 : 1
        }
        guard index < previous.count else {
            return filter(
                current.hasPrefix("-") ? HostOptions.longOptions + ["-v", "-V", "-h"] : topLevelCommands(), current)
        }
        let command = previous[index]
        let rest = Array(previous[(index + 1)...])
        if command == "help" || command == "completion" {
            return filter(rest.isEmpty ? (command == "help" ? topLevelCommands() : Self.shells) : [], current)
        }
        if let verb = LoginRouter.Verb(rawValue: command), let provider = host.catalog.loginProviders.first {
            return filter(
                options(of: provider, command: provider.loginCommand ?? provider.name, path: [verb.rawValue]), current)
        }
        guard let (plugin, entry) = host.catalog.plugin(providing: command) else { return [] }
        let path = rest.filter { !$0.hasPrefix("-") }
        if !current.hasPrefix("-"), path.isEmpty, !entry.subcommands.isEmpty {
            return filter(entry.subcommands, current)
        }
        return filter(current.hasPrefix("-") ? options(of: plugin, command: command, path: path) : [], current)
    }

    private func topLevelCommands() -> [String] {
        let verbs = host.catalog.loginProviders.isEmpty ? [] : LoginRouter.Verb.allCases.map(\.rawValue)
        return host.catalog.visibleCommands.map(\.command.name) + verbs + ["help", "completion"]
    }

    /// The long options of the command at `path` in the plugin's ArgumentParser tree, with `--help`.
    private func options(of plugin: InstalledPlugin, command: String, path: [String]) -> [String] {
        guard let object = try? host.loader.load(plugin),
            let commandType = object.commands.first(where: { $0._commandName == command }),
            let tree = ClickHelp(commandType)
        else { return ["--help"] }
        let target = tree.target(of: path).command
        return target.arguments.filter { $0.kind != "positional" }.flatMap { $0.names.filter { $0.hasPrefix("--") } }
            + ["--help"]
    }

    /// Every login provider's site names and domains.
    private func siteNames() async -> [String] {
        var names: [String] = []
        for plugin in host.catalog.loginProviders {
            guard let provider = try? host.loginProviderObject(plugin),
                let destinations = try? provider.loginDestinations(in: host.context(site: nil))
            else { continue }
            for destination in destinations {
                names.append(destination.name)
                if destination.domain != destination.name { names.append(destination.domain) }
            }
        }
        return names
    }

    private func filter(_ candidates: [String], _ prefix: String) -> [String] {
        var seen = Set<String>()
        return candidates.filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
    }
}
