import FoundationEssentials

/// The plugins found in manifests, indexed by command, plus every problem met while reading them.
/// Building the catalog reads manifests only: no plugin library is opened.
struct PluginCatalog {
    /// Top-level commands the host owns; plugins cannot shadow them.
    static let builtInCommands: Set<String> = ["login", "logout", "whoami"]

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

    /// Plugins whose manifests say they provide `login`, in search order.
    var loginProviders: [InstalledPlugin] {
        plugins.filter { $0.loginCommand != nil }
    }

    /// Every visible top-level command, sorted by name, with the plugin that provides it.
    var visibleCommands: [(plugin: InstalledPlugin, command: PluginManifest.Command)] {
        commandOwners.keys.sorted().compactMap { plugin(providing: $0) }.filter { $0.command.hidden != true }
    }

    /// Reads the manifests in every directory of `searchPath`. Unreadable directories are skipped.
    static func discover(in searchPath: PluginSearchPath, fileManager: FileManager = .default) -> PluginCatalog {
        var catalog = PluginCatalog()
        var seen = Set<String>()
        for directory in searchPath.directories {
            for path in manifestPaths(in: directory, fileManager: fileManager) {
                let key = FilePath.absolute(path, relativeTo: fileManager.currentDirectoryPath)
                guard seen.insert(key).inserted else { continue }
                catalog.add(manifestAt: key, fileManager: fileManager)
            }
        }
        return catalog
    }

    private static func manifestPaths(in directory: String, fileManager: FileManager) -> [String] {
        var paths: [String] = []
        let direct = FilePath.join(directory, "plugin-manifest.json")
        if fileManager.fileExists(atPath: direct) { paths.append(direct) }
        let children = (try? fileManager.contentsOfDirectory(atPath: directory)) ?? []
        for child in children.sorted() where !child.hasPrefix(".") {
            let nested = FilePath.join(FilePath.join(directory, child), "plugin-manifest.json")
            if fileManager.fileExists(atPath: nested) { paths.append(nested) }
        }
        return paths
    }

    /// Adds the plugins of one manifest file, recording a problem instead of failing.
    mutating func add(manifestAt path: String, fileManager: FileManager = .default) {
        guard let data = fileManager.contents(atPath: path) else {
            problems.append(ManifestProblem(path: path, reason: "cannot be read"))
            return
        }
        let manifest: PluginManifest
        do {
            manifest = try JSONDecoder().decode(PluginManifest.self, from: data)
        } catch {
            problems.append(ManifestProblem(path: path, reason: ManifestProblem.reason(for: error)))
            return
        }
        guard manifest.schemaVersion == PluginManifest.supportedSchemaVersion else {
            problems.append(
                ManifestProblem(
                    path: path,
                    reason: "schemaVersion \(manifest.schemaVersion) is not supported "
                        + "(this host reads \(PluginManifest.supportedSchemaVersion))"))
            return
        }
        let directory = FilePath.parent(of: path)
        for plugin in manifest.plugins {
            let installed = InstalledPlugin(
                manifest: plugin,
                manifestPath: path,
                libraryPath: FilePath.absolute(plugin.library, relativeTo: directory))
            add(installed)
        }
    }

    private mutating func add(_ installed: InstalledPlugin) {
        let name = installed.name
        if let invalid = Self.invalidName(name) {
            problems.append(ManifestProblem(path: installed.manifestPath, reason: "plugin name \(invalid)"))
            return
        }
        if let other = plugins.first(where: { $0.name == name }) {
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
