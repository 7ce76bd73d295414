import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda token set TOKEN [-o ORG] [--set-default-channels/--no-set-default-channels] [-f FILE | -e | -s] [-y]`:
/// the token file conda reads and `add_anaconda_token` in the chosen `.condarc` (with `--org`: also checked and
/// stored with the login, as `install` does).
struct TokenSetCommand: PluginCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Install a new repository token.")

    @Argument(help: "The token received via email or web interface (- reads it from standard input).")
    var token: String

    @Option(name: [.short, .long], help: "Organization name (slug).")
    var org: String?

    @Flag(inversion: .prefixedNo, help: "Automatically configure default channels.")
    var setDefaultChannels = true

    @OptionGroup var location: CondarcLocationOptions

    @Flag(name: [.short, .long], help: "Accept all prompts")
    var yes = false

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    func run(in context: PluginContext) async throws {
        let repository = try PremiumRepository(environment: context.environment)
        guard let token = try TokenArgument.read(token, from: context.terminal) else {
            throw ValidationError("Missing argument 'TOKEN'.")
        }
        var message = "Your token has been installed"
        if let org {
            let session = try PluginSession(context, at: at)
            _ = try await TokenInstallation(session: session, repository: repository)
                .install(token: token, organization: org, assumeYes: true)
            message += " and validated"
        }
        let files = BinstarTokens(environment: context.environment, homeDirectory: context.homeDirectory)
        try files.set(token, for: repository.url)
        context.terminal.printError("Wrote the token file conda reads: \(files.path(for: repository.url))")
        if try ChannelSetup(context: context, repository: repository, location: try location.location())
            .configure(defaultChannels: setDefaultChannels, assumeYes: yes, option: "--yes")
        {
            message += ", and conda has been configured"
        }
        context.terminal.printError("Success! \(message).")
    }
}
