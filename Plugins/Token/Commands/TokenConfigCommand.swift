import AnacondaPluginAPI

/// `anaconda token config [--force] [-f FILE | -e | -s]`
struct TokenConfigCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Configure conda's default channels to access Anaconda's premium repository.")

    @Flag(inversion: .prefixedNo, help: "Force configuration of default channels without prompt.")
    var force = false

    @OptionGroup var location: CondarcLocationOptions

    func run(in context: PluginContext) async throws {
        let repository = try PremiumRepository(environment: context.environment)
        _ = try ChannelSetup(context: context, repository: repository, location: try location.location())
            .configure(assumeYes: force, option: "--force")
    }
}
