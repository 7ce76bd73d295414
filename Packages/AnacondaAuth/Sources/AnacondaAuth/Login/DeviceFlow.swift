import AnacondaCore
import FoundationEssentials

/// The OAuth 2.0 device authorization grant (RFC 8628), as the reference runs it by default: print the URL and
/// code first, then try a browser, then poll the token endpoint at the announced interval (`slow_down` adds 5 s
/// for good) until the user approves or the code expires.
struct DeviceFlow {
    let client: AnacondaClient
    let configuration: OpenIDConfiguration
    let terminal: any Terminal
    let browser: any BrowserOpener
    let clock: PluginClock

    /// The access token once the user approves.
    func run() async throws -> String {
        guard let endpoint = configuration.deviceAuthorizationEndpoint else {
            throw AnacondaError(.deviceFlowError, message: "Server does not support device authorization")
        }
        let site = client.site
        let response: AnacondaResponse
        do {
            response = try await client.post(endpoint, form: [("client_id", site.clientID), ("scope", "openid")])
            try response.raiseForStatus()
        } catch {
            throw AnacondaError(
                .deviceFlowError, message: "Device authorization request failed: \(error)", underlying: error)
        }
        let authorization = try Authorization(try response.json())
        var interval = authorization.interval

        let willTryBrowser = browser.isAvailable
        if willTryBrowser {
            terminal.printError("Attempting to automatically open the authorization page in your default browser.")
        }
        terminal.printError(
            (willTryBrowser
                ? "If the browser does not open or you wish to use a different device to authorize this request, "
                    + "open the following URL:"
                : "To authorize this request, open the following URL on any device:")
                + "\n\n\(terminal.styled(authorization.verificationURI, .bold, .cyan))\n\nThen enter the code:\n\n"
                + "\(terminal.styled(authorization.userCode, .bold, .cyan))\n")
        if willTryBrowser { _ = browser.open(authorization.verificationURIComplete) }

        let spinner =
            terminal.isInteractive
            ? Spinner(terminal: terminal, text: "Waiting for authorization (CTRL-C to cancel)") : nil
        defer { spinner?.stop() }
        let deadline = clock.elapsed() + authorization.expiresIn
        var polls = 0
        while true {
            // The first poll after the announced interval (which may be zero); later ones never closer together
            // than the floor, whatever the server announced (a zero interval must not become a busy loop).
            let wait = polls == 0 ? interval : max(interval, Self.shortestRepeatInterval)
            polls += 1
            try await clock.sleep(min(wait, max(.zero, deadline - clock.elapsed())))
            guard clock.elapsed() < deadline else {
                throw AnacondaError(.deviceFlowTimeout, message: "Device authorization timed out")
            }
            let poll: AnacondaResponse
            do {
                poll = try await client.post(
                    configuration.tokenEndpoint,
                    form: [
                        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                        ("device_code", authorization.deviceCode),
                        ("client_id", site.clientID),
                    ])
            } catch let error as AnacondaError where [.connectionError, .timeout].contains(error.code) {
                client.logger.debug("Polling failed (\(error.message)); trying again until the code expires")
                continue
            }
            switch try Self.outcome(of: poll) {
            case .token(let token): return token
            case .pending: continue
            case .slowDown: interval += .seconds(5)
            case .serverError:
                client.logger.debug("Polling answered HTTP \(poll.statusCode); trying again until the code expires")
            }
        }
    }

    /// The parts of a device authorization response (RFC 8628 §3.2) the flow uses, checked.
    struct Authorization {
        var deviceCode: String
        var userCode: String
        var verificationURI: String
        var verificationURIComplete: String
        var expiresIn: Duration
        var interval: Duration

        init(_ body: JSONValue) throws {
            guard let deviceCode = body["device_code"]?.stringValue, let userCode = body["user_code"]?.stringValue,
                let verificationURI = body["verification_uri"]?.stringValue
            else {
                throw AnacondaError(
                    .deviceFlowError,
                    message: "The device authorization response lacks device_code, user_code or verification_uri")
            }
            self.deviceCode = deviceCode
            self.userCode = userCode
            self.verificationURI = verificationURI
            verificationURIComplete = body["verification_uri_complete"]?.stringValue ?? verificationURI
            expiresIn = try DeviceFlow.seconds(
                body["expires_in"], named: "expires_in", default: 60, within: DeviceFlow.waitRange)
            interval = try DeviceFlow.seconds(
                body["interval"], named: "interval", default: 5, within: DeviceFlow.intervalRange)
        }
    }

    /// What one answer of the token endpoint means while polling (RFC 8628 §3.5).
    enum PollOutcome: Equatable {
        case token(String)
        case pending
        case slowDown
        /// A 5xx: polling goes on until the code expires.
        case serverError
    }

    /// The meaning of a poll's answer; a refusal or an unusable answer is the reference's error.
    static func outcome(of poll: AnacondaResponse) throws -> PollOutcome {
        if poll.statusCode >= 500 { return .serverError }
        let result = (try? poll.json()) ?? .object([])
        if poll.statusCode == 200, let token = result["access_token"]?.stringValue { return .token(token) }
        switch result["error"]?.stringValue {
        case "authorization_pending": return .pending
        case "slow_down": return .slowDown
        case "access_denied": throw AnacondaError(.deviceFlowDenied, message: "User denied authorization")
        case "expired_token": throw AnacondaError(.deviceFlowTimeout, message: "Device code expired")
        case let error?:
            let description = result["error_description"]?.stringValue ?? ""
            throw AnacondaError(.deviceFlowError, message: "Token request failed: \(error) - \(description)")
        case nil:
            try poll.raiseForStatus()
            throw AnacondaError(.deviceFlowError, message: "Token request failed: the response has no access_token")
        }
    }

    /// How long a device code is waited for at most, whatever `expires_in` says.
    static let waitRange: ClosedRange<Double> = 0...3600
    /// The polling intervals honoured (a longer one would outlast most codes).
    static let intervalRange: ClosedRange<Double> = 0...300
    /// The shortest wait between two polls, whatever the server announced.
    static let shortestRepeatInterval: Duration = .milliseconds(250)

    /// A number of seconds from the device authorization response: absent → `defaultSeconds`; a negative, infinite
    /// or non-numeric value is refused (a server must not make the client trap or wait forever); clamped to `range`.
    static func seconds(
        _ value: JSONValue?, named name: String, default defaultSeconds: Double, within range: ClosedRange<Double>
    ) throws -> Duration {
        guard let value, value != .null else { return .seconds(defaultSeconds) }
        guard let number = value.doubleValue, number.isFinite, number >= 0 else {
            let shown = JSONWriter.python.string(value).prefix(40)
            throw AnacondaError(
                .deviceFlowError,
                message:
                    "The device authorization response has an invalid \(name): \(shown) (expected a number of seconds)")
        }
        return .milliseconds(Int((min(max(number, range.lowerBound), range.upperBound) * 1000).rounded(.up)))
    }
}

/// A one-line spinner on standard error, for terminals only.
final class Spinner: @unchecked Sendable {
    private let task: Task<Void, Never>
    private let terminal: any Terminal

    init(terminal: any Terminal, text: String) {
        self.terminal = terminal
        task = Task {
            let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
            var index = 0
            while !Task.isCancelled {
                terminal.write("\r\(terminal.styled(frames[index % frames.count], .green)) \(text)", to: .standardError)
                index += 1
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func stop() {
        task.cancel()
        terminal.write("\r\u{1B}[2K", to: .standardError)
    }
}
