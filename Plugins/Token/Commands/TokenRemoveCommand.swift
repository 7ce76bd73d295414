import AnacondaPluginAPI

/// `anaconda token remove [-f FILE | -e | -s] [-y]`: the token file conda reads and the repository's configuration
/// in the chosen `.condarc`. The login's repository tokens stay (`token uninstall` removes those).
struct TokenRemoveCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove binstar token and data from Keyring.")

    @OptionGroup var location: CondarcLocationOptions

    @Flag(name: [.short, .long], help: "Accept all prompts")
    var yes = false

    func run(in context: PluginContext) async throws {
        let repository = try PremiumRepository(environment: context.environment)
        let files = BinstarTokens(environment: context.environment, homeDirectory: context.homeDirectory)
        if files.remove(for: repository.url) {
            context.terminal.printError("Removed the token file \(files.path(for: repository.url))")
        }
        _ = try ChannelSetup(context: context, repository: repository, location: try location.location())
            .unconfigure(assumeYes: yes, option: "--yes")
    }
}
