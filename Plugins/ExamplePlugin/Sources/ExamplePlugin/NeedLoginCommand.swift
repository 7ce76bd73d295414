import AnacondaPluginAPI
import FoundationEssentials

/// `anaconda plugin need-login`: succeeds only after `example-auth` logged in to the site. Each run is recorded
/// in `~/.example-login/runs.log` so tests can count re-runs.
struct NeedLoginCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "need-login", abstract: "Print a greeting for the logged-in site.")

    @Option(help: "The site to use.")
    var at: String?

    func run(in context: PluginContext) async throws {
        let site = try context.site(commandOption: at) ?? "example.com"
        let directory = context.homeDirectory + "/.example-login"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let log = directory + "/runs.log"
        let previous = FileManager.default.contents(atPath: log) ?? Data()
        try (previous + Data("need-login \(site)\n".utf8)).write(to: URL(fileURLWithPath: log))
        guard let data = FileManager.default.contents(atPath: directory + "/" + site) else {
            throw AuthenticationRequiredError(.tokenNotFound, site: site)
        }
        let state = String(decoding: data, as: UTF8.self)
        if state == "rejected" {
            throw HTTPStatusError(
                statusCode: 401, url: "https://\(site)/api/account", authorizationSent: true,
                serverErrorCode: "auth_required", site: site)
        }
        context.terminal.print("hello from \(site) (\(state))")
    }
}
