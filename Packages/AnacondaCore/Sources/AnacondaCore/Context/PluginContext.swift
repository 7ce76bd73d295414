/// Everything a plugin command may touch, built once by the host. Commands never read the process environment,
/// the real home directory or the real terminal directly, so tests can run them with fakes.
public struct PluginContext: Sendable {
    /// The environment variables of the invocation.
    public var environment: [String: String]
    /// The user's home directory (from `HOME`).
    public var homeDirectory: String
    /// The working directory of the invocation.
    public var workingDirectory: String
    /// Standard output, standard error and standard input.
    public var terminal: any Terminal
    /// The site selected with the global `--at`, passed down instead of being written into the environment.
    public var site: String?
    /// Whether `--verbose` was given.
    public var isVerbose: Bool
    /// The logger; debug output appears only with `--verbose` and must never contain a secret.
    public var logger: Logger
    /// The clocks and sleeping (tests pass a clock that advances when slept on).
    public var clock: PluginClock
    /// Stand-ins for the network stack, the browser and the system keyring (none: the real ones).
    public var services: PluginServices

    /// Creates a context.
    public init(
        environment: [String: String],
        homeDirectory: String,
        workingDirectory: String,
        terminal: any Terminal,
        site: String? = nil,
        isVerbose: Bool = false,
        logger: Logger = Logger(label: "anaconda"),
        clock: PluginClock = .system,
        services: PluginServices = PluginServices()
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.workingDirectory = workingDirectory
        self.terminal = terminal
        self.site = site
        self.isVerbose = isVerbose
        self.logger = logger
        self.clock = clock
        self.services = services
    }

    /// The site a command should use, given its own `--at` option: the command's value, else the global one.
    /// Both at once is an error, as in the reference.
    public func site(commandOption: String?) throws -> String? {
        try Self.site(global: site, command: commandOption)
    }

    /// The site chosen by a global `--at` and a command's own: one of them, never both.
    public static func site(global: String?, command: String?) throws -> String? {
        switch (global, command) {
        case (.some, .some): throw AnacondaError(.valueError, message: "--at was specified twice")
        case (let global, nil): return global
        case (nil, let command): return command
        }
    }
}
