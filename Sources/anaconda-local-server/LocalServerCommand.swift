import AnacondaLocalServer
import AnacondaPluginAPI
import Foundation

/// `anaconda-local-server`: runs the local Anaconda service for the demo, the tests and the benchmarks.
struct LocalServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anaconda-local-server",
        abstract: "Run a local stand-in for the Anaconda auth and API service.",
        discussion: "Prints `listening on <url>` (and the CA file for HTTPS) once it accepts connections.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 8443
    @Flag(help: "Plain HTTP instead of HTTPS.") var http = false
    @Option(help: "Directory for the generated certificates.") var stateDirectory: String?
    @Flag(help: "Approve device codes and authorization requests without a visit to the approval page.")
    var autoApprove = false
    @Option(help: "Answer authorization_pending this many times.") var pendingPolls = 0
    @Flag(help: "Answer slow_down to the first poll.") var slowDown = false
    @Flag(help: "Answer access_denied to device polls.") var deny = false
    @Flag(help: "Answer expired_token to device polls.") var expire = false
    @Flag(help: "Leave the device authorization endpoint out of the discovery document.") var noDeviceEndpoint = false
    @Option(help: "Polling interval announced by the device endpoint (seconds).") var interval = 0
    @Option(help: "Lifetime of device codes (seconds).") var expiresIn = 600
    @Option(help: "Raw JSON text to announce as the device response's interval (e.g. 1e300, NaN, -1).")
    var announceInterval: String?
    @Option(help: "Raw JSON text to announce as the device response's expires_in.") var announceExpiresIn: String?
    @Option(help: "Lifetime of minted API keys (seconds).") var keyLifetime = 365 * 24 * 3600
    @Option(help: "Status of the first API-key endpoint (not 201: clients fall back to /api/iam/api-keys).")
    var firstMintStatus = 201
    @Option(help: "Status of /api/iam/api-keys.") var secondMintStatus = 201
    @Option(help: "Send Min-Api-Version with this value from /api/something.") var minApiVersion: String?
    @Option(help: "An API key /api/account rejects with auth_required (repeatable).") var rejectKey: [String] = []
    @Option(help: "Statuses /api/account answers first, comma-separated (e.g. 503,429).") var accountStatuses = ""
    @Option(help: "Retry-After value sent with 429 and 503, as written.") var retryAfter = "1"
    @Flag(help: "Require a client certificate signed by the generated CA.") var requireClientCertificate = false
    @Option(
        help:
            "An organization of the user, NAME[:TITLE[:PRODUCT]] (repeatable; default acme:Acme Corp:commercial_business)."
    )
    var organization: [String] = []
    @Flag(help: "The user belongs to no organization.") var noOrganizations = false
    @Option(help: "An organization that already has a repository token (repeatable).") var existingToken: [String] = []
    @Flag(help: "The repository refuses every token (403).") var rejectTokens = false
    @Option(help: "A confidential web client, ID:SECRET:REDIRECT_URL[,REDIRECT_URL...] (repeatable).")
    var webClient: [String] = []
    @Option(help: "Lifetime of the access tokens web clients get (seconds).") var accessTokenLifetime = 3600
    @Option(help: "Break every ID token: \(IDTokenFault.allCases.map(\.rawValue).joined(separator: ", ")).")
    var idTokenFault: String?

    func validate() throws {
        let statuses =
            [firstMintStatus, secondMintStatus]
            + accountStatuses.split(separator: ",").compactMap {
                Int(String($0).trimmingWhitespace())
            }
        guard statuses.allSatisfy({ (100...599).contains($0) }) else {
            throw ValidationError("statuses must be 100 to 599")
        }
        guard (0...10 * 365 * 86_400).contains(keyLifetime) else {
            throw ValidationError("--key-lifetime must be 0 to 10 years")
        }
        guard (0...1_000_000).contains(pendingPolls), (0...86_400).contains(interval), (0...86_400).contains(expiresIn)
        else {
            throw ValidationError("--pending-polls, --interval and --expires-in must be small non-negative numbers")
        }
        let clients = webClient.compactMap(LocalWebClient.init(spec:))
        guard clients.count == webClient.count else {
            throw ValidationError(
                "--web-client must be ID:SECRET:REDIRECT_URL[,REDIRECT_URL...] with absolute http(s) URLs")
        }
        guard Set(clients.map(\.id)).count == clients.count else {
            throw ValidationError("--web-client IDs must differ")
        }
        guard (0...10 * 365 * 86_400).contains(accessTokenLifetime) else {
            throw ValidationError("--access-token-lifetime must be 0 to 10 years")
        }
        if let idTokenFault, IDTokenFault(rawValue: idTokenFault) == nil {
            throw ValidationError(
                "--id-token-fault must be one of \(IDTokenFault.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let directory =
            stateDirectory
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("anaconda-local-server-\(ProcessInfo.processInfo.processIdentifier)").path
        var options = LocalServerOptions(stateDirectory: directory)
        options.host = host
        options.port = port
        options.plainHTTP = http
        options.autoApprove = autoApprove
        options.pendingPolls = pendingPolls
        options.slowDown = slowDown
        options.denyDevice = deny
        options.expireDevice = expire
        options.noDeviceEndpoint = noDeviceEndpoint
        options.interval = interval
        options.expiresIn = expiresIn
        options.announcedInterval = announceInterval
        options.announcedExpiresIn = announceExpiresIn
        options.keyLifetime = keyLifetime
        options.firstMintStatus = firstMintStatus
        options.secondMintStatus = secondMintStatus
        options.minimumAPIVersion = minApiVersion
        options.rejectedKeys = Set(rejectKey)
        options.accountStatuses = accountStatuses.split(separator: ",").compactMap {
            Int(String($0).trimmingWhitespace())
        }
        options.retryAfter = retryAfter
        options.requireClientCertificate = requireClientCertificate
        if noOrganizations {
            options.organizations = []
        } else if !organization.isEmpty {
            options.organizations = organization
        }
        options.existingTokens = existingToken
        options.rejectTokens = rejectTokens
        options.webClients = webClient.compactMap(LocalWebClient.init(spec:))
        options.accessTokenLifetime = accessTokenLifetime
        options.idTokenFault = idTokenFault.flatMap(IDTokenFault.init(rawValue:))
        var logger = Logger(label: "anaconda-local-server")
        logger.logLevel = .warning
        try await LocalServer.run(options, logger: logger) { url, ca, client in
            var lines = ["listening on \(url)"]
            if let ca { lines.append("CA certificate: \(ca)") }
            if let client { lines.append("client certificate: \(client.0) key: \(client.1)") }
            StandardTerminal().write(lines.joined(separator: "\n") + "\n", to: .standardOutput)
        }
    }
}
