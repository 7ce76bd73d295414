import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda token install [TOKEN] [-o ORG] [--set-default-channels/--no-set-default-channels] [-y]`
struct TokenInstallCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Create and install a new repository token.")

    @Argument(
        help: "Optionally, provide the token received via email or web interface (- reads it from standard input).")
    var token: String?

    @Option(name: [.short, .long], help: "Organization name (slug).")
    var org: String?

    @Flag(inversion: .prefixedNo, help: "Automatically configure default channels.")
    var setDefaultChannels = true

    @Flag(name: [.short, .long], help: "Accept all prompts")
    var yes = false

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    func run(in context: PluginContext) async throws {
        let session = try PluginSession(context, at: at)
        let repository = try PremiumRepository(environment: context.environment)
        let given = try TokenArgument.read(token, from: context.terminal)
        _ = try await TokenInstallation(session: session, repository: repository)
            .install(token: given, organization: org, assumeYes: yes)
        var message = "Your token has been installed and validated"
        if setDefaultChannels,
            try ChannelSetup(context: context, repository: repository, location: .user)
                .configure(assumeYes: yes, option: "--yes")
        {
            message += ", and conda has been configured"
        }
        context.terminal.printError("Success! \(message).")
    }
}

/// A token given on the command line; `-` reads it from standard input (so it stays out of the process list).
enum TokenArgument {
    static func read(_ argument: String?, from terminal: any Terminal) throws -> String? {
        guard let argument, !argument.isEmpty else { return nil }
        guard argument == "-" else { return argument }
        guard let line = terminal.readLine()?.trimmingWhitespace(), !line.isEmpty else {
            throw AnacondaError(.valueError, message: "No token on standard input")
        }
        return line
    }
}
