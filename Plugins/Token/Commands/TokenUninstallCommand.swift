import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda token uninstall (-o ORG | -a)`
struct TokenUninstallCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall", abstract: "Uninstall a repository token for a specific organization.")

    @Option(name: [.short, .long], help: "Organization name (slug).")
    var org: String?

    @Flag(name: [.short, .long], help: "Uninstall the tokens of every organization.")
    var all = false

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    func validate() throws {
        guard org != nil || all else { throw ValidationError("Must explicitly provide an --org option") }
    }

    func run(in context: PluginContext) async throws {
        let session = try PluginSession(context, at: at)
        let tokens = RepositoryTokens(store: session.store)
        if all {
            try tokens.remove(organization: nil)
            context.terminal.printError("Successfully deleted all repo tokens.")
        } else if let org {
            guard try tokens.remove(organization: org) > 0 else {
                context.terminal.printError("No repository token is installed for organization: \(org)")
                throw ExitCode.failure
            }
            context.terminal.printError("Successfully deleted token for organization: \(org)")
        }
    }
}
