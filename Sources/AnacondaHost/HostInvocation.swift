import AnacondaPluginAPI

/// Everything the host reads from its process, injected so tests can run the host in-process.
public struct HostInvocation: Sendable {
    /// The arguments after the program name.
    public var arguments: [String]
    /// The environment variables.
    public var environment: [String: String]
    /// The host binary's path; plugins installed next to it are found from here.
    public var executablePath: String
    /// The working directory.
    public var workingDirectory: String
    /// The terminal.
    public var terminal: any Terminal
    /// The clocks commands see.
    public var clock: PluginClock
    /// Stand-ins for the services commands use (the network stack, the browser, the system keyring).
    public var services: PluginServices
    /// Plugins already in this process, by their manifest name: used instead of opening their libraries (tests run
    /// the host and a plugin in one process).
    public var plugins: [String: any AnacondaPlugin]

    /// Creates an invocation.
    public init(
        arguments: [String],
        environment: [String: String],
        executablePath: String,
        workingDirectory: String,
        terminal: any Terminal,
        clock: PluginClock = .system,
        services: PluginServices = PluginServices(),
        plugins: [String: any AnacondaPlugin] = [:]
    ) {
        self.arguments = arguments
        self.environment = environment
        self.executablePath = executablePath
        self.workingDirectory = workingDirectory
        self.terminal = terminal
        self.clock = clock
        self.services = services
        self.plugins = plugins
    }

    /// `HOME`, or `/` when it is unset.
    var homeDirectory: String { environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/" }

    /// The config file the guidance names: `ANACONDA_CONFIG_TOML`, else `~/.anaconda/config.toml`, made absolute.
    var configFilePath: String {
        if let path = environment["ANACONDA_CONFIG_TOML"], !path.isEmpty {
            return Paths.absolute(path, relativeTo: workingDirectory)
        }
        return Paths.join(homeDirectory, ".anaconda/config.toml")
    }
}
