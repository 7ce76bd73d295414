import AnacondaAuth
import AnacondaPluginAPI
import FoundationEssentials

/// `anaconda auth status [--at SITE] [--json] [--check]`: every configured site (or the one `--at` names) with its
/// login — where it is stored, whether it comes from the environment or the configuration, when the key expires —
/// without a network request unless `--check` asks the server. Never prints a token. Exit 1 when a site shown has
/// no usable key.
struct StatusCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the login of every configured site (no secrets)")

    @Option(help: "Select the configured site to use by name or domain name")
    var at: String?

    @Flag(help: "Print the status as JSON, for scripts.")
    var json = false

    @Flag(help: "Ask each site's server whether the key is still accepted (a request per site).")
    var check = false

    struct SiteStatus {
        var name: String
        var domain: String
        var isDefault: Bool
        var loggedIn: Bool
        var storage: String
        var source: String?
        var expires: Date?
        var accepted: Bool?

        func isUsable(now: Date) -> Bool {
            loggedIn && (expires.map { $0 > now } ?? true) && accepted != false
        }
    }

    func run(in context: PluginContext) async throws {
        let configuration = try AuthConfiguration.load(ConfigurationSources(context: context))
        let sites = configuration.sites
        let requested = try context.site(commandOption: at)
        let names = requested.map { [$0] } ?? sites.tables.map(\.name)
        let now = context.clock.now
        var statuses: [SiteStatus] = []
        for name in names {
            let session = try PluginSession(context, at: name)
            var status = try Self.status(of: session, defaultSite: sites.defaultSite)
            if check, status.loggedIn {
                status.accepted = try await session.withClient { client in
                    let response = try await client.get("/api/account")
                    return response.isSuccess
                }
            }
            statuses.append(status)
        }
        if json {
            context.terminal.print(
                JSONWriter.indented(2, asciiOnly: false).string(.array(statuses.map { Self.json($0, now: now) })))
        } else {
            for status in statuses { context.terminal.print(Self.text(status, now: now, terminal: context.terminal)) }
        }
        if !statuses.allSatisfy({ $0.isUsable(now: now) }) { throw ExitCode.failure }
    }

    static func status(of session: PluginSession, defaultSite: String) throws -> SiteStatus {
        let site = session.site
        let token = try session.store.load()
        let expires = token?.apiKey.flatMap { try? JWTClaims.expiration(of: $0) }
        let configured = session.store.keyring as? ConfigKeyring
        return SiteStatus(
            name: site.site, domain: site.domain, isDefault: site.site == defaultSite || site.domain == defaultSite,
            loggedIn: token?.apiKey != nil,
            storage: configured == nil ? session.store.keyring.description : "configuration",
            source: configured?.origin, expires: expires, accepted: nil)
    }

    private static func expiry(_ date: Date, now: Date) -> String {
        let days = Int((date.timeIntervalSince(now) / 86_400).rounded(.down))
        let day = Date.ISO8601FormatStyle().year().month().day()
        if date <= now { return "expired on \(date.formatted(day))" }
        return "expires on \(date.formatted(day)) (in \(days) day\(days == 1 ? "" : "s"))"
    }

    static func text(_ status: SiteStatus, now: Date, terminal: any Terminal) -> String {
        var lines = [terminal.styled(status.name, .bold, on: .standardOutput) + (status.isDefault ? " (default)" : "")]
        if status.name != status.domain { lines.append("  domain: \(status.domain)") }
        guard status.loggedIn else {
            lines.append(
                "  " + terminal.styled("✗", .red, on: .standardOutput)
                    + " not logged in (anaconda login --at \(status.name))")
            return lines.joined(separator: "\n")
        }
        let mark =
            status.isUsable(now: now)
            ? terminal.styled("✓", .green, on: .standardOutput) : terminal.styled("✗", .red, on: .standardOutput)
        lines.append("  \(mark) logged in, key from \(status.source ?? status.storage)")
        if let expires = status.expires { lines.append("  key \(expiry(expires, now: now))") }
        if let accepted = status.accepted { lines.append("  the server \(accepted ? "accepts" : "rejects") the key") }
        return lines.joined(separator: "\n")
    }

    static func json(_ status: SiteStatus, now: Date) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("site", .string(status.name)), .init("domain", .string(status.domain)),
            .init("default", .bool(status.isDefault)), .init("logged_in", .bool(status.loggedIn)),
            .init("storage", .string(status.storage)), .init("source", status.source.map(JSONValue.string) ?? .null),
            .init("expires_at", status.expires.map { .integer(Int($0.timeIntervalSince1970.rounded(.down))) } ?? .null),
            .init("expired", status.expires.map { .bool($0 <= now) } ?? .null),
            .init("usable", .bool(status.isUsable(now: now))),
        ]
        if let accepted = status.accepted { members.append(.init("accepted", .bool(accepted))) }
        return .object(members)
    }
}
