import AnacondaAuth
import AnacondaPluginAPI
import FoundationEssentials

/// `anaconda auth login [--force] [--ssl-verify/--no-ssl-verify] [--at SITE] [--device|--browser]`
struct LoginCommand: PluginCommand {
    static let configuration = CommandConfiguration(commandName: "login", abstract: "Login")

    @Flag(inversion: .prefixedNo, help: "Log in again even when a valid API key is stored")
    var force = false

    @Flag(inversion: .prefixedNo, help: "Verify TLS certificates (default: the site's ssl_verify)")
    var sslVerify: Bool?

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    @Flag(help: "Log in with a code entered on any device (--device) or with a browser on this machine (--browser)")
    var method: LoginMethod?

    enum LoginMethod: String, EnumerableFlag {
        case device, browser
    }

    func run(in context: PluginContext) async throws {
        let overrides =
            sslVerify.map { [SiteField.sslVerify: SourcedValue(.bool($0), from: .argument("--ssl-verify"))] } ?? [:]
        let session = try AuthSession(context, at: at, overrides: overrides)
        try await Self.logIn(session, force: force, method: method)
    }

    /// The reference's login command: nothing to do when a valid key is stored (unless forced or confirmed),
    /// a new login when the stored key has expired.
    static func logIn(_ session: AuthSession, force: Bool, method: LoginMethod?) async throws {
        let terminal = session.context.terminal
        let site = session.site
        if let keyring = session.store.keyring as? ConfigKeyring { throw keyring.refusal("set") }
        if !force, let token = try session.store.load(), token.apiKey != nil {
            if (try? token.isExpired(now: session.context.clock.now)) ?? true {
                terminal.printError("Your API key has expired, logging into \(site.domain)")
            } else {
                let question =
                    "You are already logged into Anaconda (\(site.domain)). Would you like to force a new login? [y/n] (n): "
                guard let answer = confirm(question, terminal: terminal) else {
                    terminal.printError("Aborted.")
                    throw ExitCode.failure
                }
                guard answer else { return }
            }
        }
        let chosen: LoginService.Method =
            switch method {
            case .device: .device
            case .browser: .browser
            case nil: site.useDeviceFlow ? .device : .browser
            }
        try await session.withClient { client in
            try await session.loginService(client).logIn(method: chosen)
        }
        terminal.printError(terminal.styled("✓", .green) + " Login successful!")
    }

    /// `[y/n] (n)`: an empty answer is no; anything else but y/n asks again; `nil` at end of input.
    static func confirm(_ question: String, terminal: any Terminal) -> Bool? {
        while true {
            terminal.write(question, to: .standardError)
            guard let answer = terminal.readLine() else {
                terminal.write("\n", to: .standardError)
                return nil
            }
            switch answer.trimmingWhitespace().lowercased() {
            case "y", "yes": return true
            case "n", "no", "": return false
            default: terminal.printError("Please enter Y or N")
            }
        }
    }
}
