import AnacondaCore
import FoundationEssentials
import Glibc

/// The auth library for Swift programs that are not plugins, as the reference's Python API (`login()`,
/// `logout()`, `BaseClient()`): configuration and the default site are resolved as the `anaconda` CLI resolves them
/// (`~/.anaconda/config.toml`, `ANACONDA_AUTH_*`, `.env`), logins are shared with the CLI and the Python tools.
///
/// ```swift
/// try await Anaconda.login()                      // device flow on the terminal, unless already logged in
/// let client = try AnacondaClient()                // the default site, its stored key
/// let account = try await client.get("/api/account")
/// ```
public enum Anaconda {
    /// The process as a plugin context: its environment, `HOME`, working directory and standard streams.
    public static func processContext() -> PluginContext {
        let environment = ProcessInfo.processInfo.environment
        var directory = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let workingDirectory = getcwd(&directory, directory.count).map { String(cString: $0) } ?? "/"
        return PluginContext(
            environment: environment, homeDirectory: environment["HOME"] ?? PasswordDatabase.path,
            workingDirectory: workingDirectory, terminal: StandardTerminal())
    }

    /// Logs in to `site` (name or domain; `nil`: the default site), on the terminal (the device flow prints a URL
    /// and a code; a browser is opened when one can be). Does nothing when a valid key is stored, unless `force`.
    public static func login(site: String? = nil, force: Bool = false, context: PluginContext = processContext())
        async throws
    {
        let session = try PluginSession(context, at: site)
        if !force, try isLoggedIn(session) { return }
        if let keyring = session.store.keyring as? ConfigKeyring { throw keyring.refusal("set") }
        try await session.withClient { client in
            try await session.loginService(client).logIn(method: session.site.useDeviceFlow ? .device : .browser)
        }
    }

    /// Logs out of `site`: revokes the key when the server offers revocation, then deletes it. Returns whether
    /// there was a login.
    @discardableResult
    public static func logout(site: String? = nil, context: PluginContext = processContext()) async throws -> Bool {
        let session = try PluginSession(context, at: site)
        return try await session.withClient { client in
            try await session.loginService(client).logOut()
        }
    }

    /// Whether `site` has a key that has not expired (stored, or from the environment or configuration). No request.
    public static func isLoggedIn(site: String? = nil, context: PluginContext = processContext()) async throws -> Bool {
        try isLoggedIn(PluginSession(context, at: site))
    }

    private static func isLoggedIn(_ session: PluginSession) throws -> Bool {
        guard let token = try session.store.load(), token.apiKey != nil else { return false }
        return try !token.isExpired(now: session.context.clock.now)
    }
}

extension AnacondaClient {
    /// A client for `site` (name or domain; `nil`: the default site) resolved as the CLI resolves it, with the
    /// stored login, identifying itself as `identity` (a service's own client type: its user agent and API version):
    /// `AnacondaClient()`, `AnacondaClient(site: "work")`. Shut it down when done.
    public convenience init(
        site: String? = nil, identity: ClientIdentity = .anacondaAuth,
        context: PluginContext = Anaconda.processContext()
    ) throws {
        let session = try PluginSession(context, at: site, identity: identity)
        let terminal = context.terminal
        try self.init(
            site: session.site, identity: identity, tokenStore: session.store, environment: context.environment,
            logger: context.logger, warn: { terminal.printError($0) })
    }
}

/// `HOME` unset: the password database's home directory.
private enum PasswordDatabase {
    static var path: String {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return "/" }
        return String(cString: directory)
    }
}
