import AnacondaPluginAPI
import FoundationEssentials

@_cdecl("anaconda_plugin_handshake")
public func anacondaPluginHandshake() -> anaconda_plugin_handshake { anaconda_plugin_make_handshake() }

@_cdecl("anaconda_plugin_create")
public func anacondaPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retain(ExampleLoginPlugin()) }

/// A login provider whose "credential" is a file `~/.example-login/<site>`. Sites come from
/// `EXAMPLE_LOGIN_SITES=name=domain,...` (the first is the default), or `example.com` alone.
final class ExampleLoginPlugin: LoginProvider {
    var commands: [any PluginCommand.Type] { [ExampleAuthCommand.self] }

    func loginDestinations(in context: PluginContext) throws -> [LoginDestination] {
        Self.destinations(in: context)
    }

    func logIn(to site: String?, forceNewLogin: Bool, in context: PluginContext) async throws {
        try Self.logIn(
            to: site ?? Self.destinations(in: context).first?.name ?? "example.com", force: forceNewLogin, in: context)
    }

    static func destinations(in context: PluginContext) -> [LoginDestination] {
        let entries = (context.environment["EXAMPLE_LOGIN_SITES"] ?? "").split(separator: ",").compactMap { entry in
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return parts[0].isEmpty
                ? nil : (name: parts[0], domain: parts.count > 1 && !parts[1].isEmpty ? parts[1] : parts[0])
        }
        guard !entries.isEmpty else {
            return [LoginDestination(name: "example.com", domain: "example.com", isDefault: true)]
        }
        return entries.enumerated().map { index, entry in
            LoginDestination(name: entry.name, domain: entry.domain, isDefault: index == 0)
        }
    }

    static func directory(_ context: PluginContext) -> String { context.homeDirectory + "/.example-login" }

    static func record(_ line: String, in context: PluginContext) throws {
        let log = directory(context) + "/runs.log"
        let previous = FileManager.default.contents(atPath: log) ?? Data()
        try (previous + Data((line + "\n").utf8)).write(to: URL(fileURLWithPath: log))
    }

    static func logIn(to site: String, force: Bool, in context: PluginContext) throws {
        try FileManager.default.createDirectory(atPath: directory(context), withIntermediateDirectories: true)
        try record("login \(site) force=\(force)", in: context)
        try Data((force ? "forced" : "ok").utf8).write(to: URL(fileURLWithPath: directory(context) + "/" + site))
        context.terminal.printError("✓ Logged in to \(site)")
    }
}

/// `anaconda example-auth login|logout|whoami`
struct ExampleAuthCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "example-auth",
        _superCommandName: "anaconda",
        abstract: "An example login provider.",
        subcommands: [Login.self, Logout.self, Whoami.self])

    func run(in context: PluginContext) async throws {
        throw CleanExit.helpRequest(self)
    }

    struct Login: PluginCommand {
        static let configuration = CommandConfiguration(commandName: "login", abstract: "Log in.")
        @Option var at: String?
        @Flag var force = false

        func run(in context: PluginContext) async throws {
            let site =
                try context.site(commandOption: at) ?? ExampleLoginPlugin.destinations(in: context).first?.name
                ?? "example.com"
            try ExampleLoginPlugin.logIn(to: site, force: force, in: context)
        }
    }

    struct Logout: PluginCommand {
        static let configuration = CommandConfiguration(commandName: "logout", abstract: "Log out.")
        @Option var at: String?

        func run(in context: PluginContext) async throws {
            let site =
                try context.site(commandOption: at) ?? ExampleLoginPlugin.destinations(in: context).first?.name
                ?? "example.com"
            try? FileManager.default.removeItem(atPath: ExampleLoginPlugin.directory(context) + "/" + site)
        }
    }

    struct Whoami: PluginCommand {
        static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show the login.")
        @Option var at: String?

        func run(in context: PluginContext) async throws {
            let site =
                try context.site(commandOption: at) ?? ExampleLoginPlugin.destinations(in: context).first?.name
                ?? "example.com"
            guard FileManager.default.fileExists(atPath: ExampleLoginPlugin.directory(context) + "/" + site) else {
                throw AuthenticationRequiredError(.tokenNotFound, site: site)
            }
            context.terminal.print("logged in to \(site)")
        }
    }
}
