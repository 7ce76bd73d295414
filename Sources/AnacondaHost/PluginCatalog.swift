import AnacondaPluginAPI

/// The plugins found in manifests, indexed by command, plus every problem met while reading them.
/// Building the catalog reads manifests only: no plugin library is opened.
struct PluginCatalog {
    /// Top-level commands the host owns; plugins cannot shadow them.
    static let builtInCommands: Set<String> = ["login", "logout", "whoami", "help", "completion", "__complete"]

    private(set) var plugins: [InstalledPlugin] = []
    private(set) var problems: [ManifestProblem] = []
    private var commandOwners: [String: Int] = [:]

    /// The plugin that provides `command`, with that command's manifest entry.
    func plugin(providing command: String) -> (plugin: InstalledPlugin, command: PluginManifest.Command)? {
        guard let index = commandOwners[command] else { return nil }
        let plugin = plugins[index]
        guard let entry = plugin.manifest.commands.first(where: { $0.name == command }) else { return nil }
        return (plugin, entry)
    }

    /// `[command, subcommand]` paths whose positional arguments are secrets, from every manifest.
    var secretCommandPaths: Set<[String]> {
        Set(
            plugins.flatMap { plugin in
                plugin.manifest.commands.flatMap { command in command.secretSubcommands.map { [command.name, $0] } }
            })
    }

    /// Plugins whose manifests say they provide `login`, in search order.
    var loginProviders: [InstalledPlugin] {
        plugins.filter { $0.loginCommand != nil }
    }

    /// Every visible top-level command, sorted by name, with the plugin that provides it.
    var visibleCommands: [(plugin: InstalledPlugin, command: PluginManifest.Command)] {
        commandOwners.keys.sorted().compactMap { plugin(providing: $0) }.filter { $0.command.hidden != true }
    }

    /// Reads the manifests in every directory of `searchPath` (relative directories are taken from
    /// `workingDirectory`). Missing or unreadable directories are skipped.
    static func discover(in searchPath: PluginSearchPath, workingDirectory: String) -> PluginCatalog {
        var catalog = PluginCatalog()
        var seen = Set<String>()
        for directory in searchPath.directories {
            let absolute = Paths.absolute(directory, relativeTo: workingDirectory)
            for candidate in manifestCandidates(in: absolute) {
                guard seen.insert(candidate).inserted else { continue }
                // Opening is the existence check: no separate stat per candidate.
                guard let data = ManifestFiles.contents(of: candidate) else { continue }
                catalog.add(manifest: data, at: candidate)
            }
        }
        return catalog
    }

    /// `plugin-manifest.json` in the directory and in each of its visible subdirectories.
    private static func manifestCandidates(in directory: String) -> [String] {
        let children = Paths.names(in: directory)
        return [Paths.join(directory, "plugin-manifest.json")]
            + children.sorted().filter { !$0.hasPrefix(".") && $0 != "plugin-manifest.json" }.map {
                Paths.join(Paths.join(directory, $0), "plugin-manifest.json")
            }
    }

    /// Adds the plugins of one manifest file, recording a problem instead of failing.
    mutating func add(manifest data: [UInt8], at path: String) {
        let manifest: PluginManifest
        do {
            manifest = try PluginManifest(json: JSONReader(try JSONValue.parse(data)))
        } catch let error as JSONValue.SyntaxError {
            problems.append(ManifestProblem(path: path, reason: "malformed JSON: \(error)"))
            return
        } catch {
            problems.append(ManifestProblem(path: path, reason: "\(error)"))
            return
        }
        for plugin in manifest.plugins {
            add(InstalledPlugin(manifest: plugin, manifestPath: path))
        }
    }

    private mutating func add(_ installed: InstalledPlugin) {
        let name = installed.name
        if let invalid = Self.invalidName(name) {
            problems.append(ManifestProblem(path: installed.manifestPath, reason: "plugin name \(invalid)"))
            return
        }
        if let other = plugins.first(where: { $0.name == name }) {
            // The same manifest reached through two search directories (e.g. a copy next to the host).
            if other.libraryPath == installed.libraryPath { return }
            problems.append(
                ManifestProblem(
                    path: installed.manifestPath,
                    reason: "plugin '\(name)' is already installed from \(other.manifestPath)"))
            return
        }
        if let login = installed.loginCommand, !installed.manifest.commands.contains(where: { $0.name == login }) {
            problems.append(
                ManifestProblem(
                    path: installed.manifestPath,
                    reason: "plugin '\(name)': login.command '\(login)' is not one of its commands"))
            return
        }
        let index = plugins.count
        plugins.append(installed)
        for command in installed.manifest.commands {
            if let invalid = Self.invalidName(command.name) {
                problems.append(
                    ManifestProblem(path: installed.manifestPath, reason: "plugin '\(name)': command name \(invalid)"))
            } else if Self.builtInCommands.contains(command.name) {
                problems.append(
                    ManifestProblem(
                        path: installed.manifestPath,
                        reason: "plugin '\(name)': command '\(command.name)' is built in and cannot be replaced"))
            } else if let owner = commandOwners[command.name] {
                problems.append(
                    ManifestProblem(
                        path: installed.manifestPath,
                        reason: "plugin '\(name)': command '\(command.name)' is already provided by plugin "
                            + "'\(plugins[owner].name)' (\(plugins[owner].manifestPath))"))
            } else {
                commandOwners[command.name] = index
            }
        }
    }

    private static func invalidName(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.hasPrefix("-") { return "'\(name)' must not start with '-'" }
        if name.contains(where: { $0.isWhitespace || $0 == "/" }) { return "'\(name)' must not contain spaces or '/'" }
        return nil
    }
}
