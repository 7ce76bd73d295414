import AnacondaAuth
import AnacondaPluginAPI

/// `anaconda token list [--show-tokens] [--json]`: the repository tokens of the site's login and the legacy token
/// files conda reads. No conda needed.
struct TokenListCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List all installed repository tokens.")

    @Flag(help: "Show the tokens in full (otherwise only their last 4 characters).")
    var showTokens = false

    @Flag(help: "Print the tokens (in full) as JSON, for scripts.")
    var json = false

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    struct Row: Equatable {
        var organization: String
        var channelURL: String
        var token: String
        var source: String
    }

    func run(in context: PluginContext) async throws {
        let session = try PluginSession(context, at: at)
        let repository = try PremiumRepository(environment: context.environment)
        let rows = try Self.rows(session: session, repository: repository)
        if json {
            context.terminal.print(JSONWriter.indented(2, asciiOnly: false).string(.array(rows.map(Self.json))))
        } else if !rows.isEmpty {
            context.terminal.print(context.terminal.styled("Anaconda Repository Tokens", .green, on: .standardOutput))
            let table = BoxTable(
                header: ["Organization", "Channel URL", "Token"],
                rows: rows.map { [$0.organization, $0.channelURL, showTokens ? $0.token : Self.masked($0.token)] })
            context.terminal.write(table.render(for: context.terminal), to: .standardOutput)
        }
        if rows.isEmpty {
            context.terminal.printError("No repo tokens are installed. Run anaconda token install.")
            context.terminal.printError("Aborted.")
            throw ExitCode.failure
        }
    }

    /// Keyring tokens first (in their order), then the token files (by file name), as the reference lists them.
    static func rows(session: PluginSession, repository: PremiumRepository) throws -> [Row] {
        let stored = try RepositoryTokens(store: session.store).all().map { token in
            let organization = token.orgName ?? ""
            return Row(
                organization: organization, channelURL: repository.channel(organization) + "/*", token: token.token,
                source: "keyring")
        }
        let files = BinstarTokens(
            environment: session.context.environment, homeDirectory: session.context.homeDirectory
        )
        .all().map { Row(organization: "", channelURL: $0.url, token: $0.token, source: "conda-token-file") }
        return stored + files
    }

    /// `****abcd`: the last four characters only (a token of four or fewer shows none).
    static func masked(_ token: String) -> String {
        "****" + (token.count > 4 ? String(token.suffix(4)) : "")
    }

    private static func json(_ row: Row) -> JSONValue {
        .object([
            .init("org_name", row.organization.isEmpty ? .null : .string(row.organization)),
            .init("channel_url", .string(row.channelURL)), .init("token", .string(row.token)),
            .init("source", .string(row.source)),
        ])
    }
}
