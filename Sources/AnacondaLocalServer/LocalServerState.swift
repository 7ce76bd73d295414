import AnacondaPluginAPI
import Foundation

/// What the server remembers: pending device and authorization codes, issued tokens and keys, and a log of every
/// request (for tests to inspect at `/_test/requests`).
actor LocalServerState {
    struct DeviceCode {
        var userCode: String
        var clientID: String
        var approved: Bool
        var polls = 0
        var expires: Date
    }

    struct AuthorizationCode {
        var clientID: String
        var redirectURI: String
        var challenge: String
        var method: String
    }

    private(set) var options: LocalServerOptions
    private var deviceCodes: [String: DeviceCode] = [:]
    private var authorizationCodes: [String: AuthorizationCode] = [:]
    private var accessTokens: Set<String> = []
    private(set) var issuedKeys: Set<String> = []
    private var revoked: Set<String> = []
    private var accountStatuses: [Int]
    private(set) var requests: [JSONValue] = []

    init(options: LocalServerOptions) {
        self.options = options
        self.accountStatuses = options.accountStatuses
    }

    func record(_ entry: JSONValue) {
        requests.append(entry)
    }

    func newDeviceCode(clientID: String) -> (deviceCode: String, userCode: String) {
        let deviceCode = Self.randomToken()
        let letters = Array("BCDFGHJKLMNPQRSTVWXZ")
        let userCode = String((0..<8).map { _ in letters.randomElement()! })
        let formatted = userCode.prefix(4) + "-" + userCode.suffix(4)
        deviceCodes[deviceCode] = DeviceCode(
            userCode: String(formatted), clientID: clientID, approved: options.autoApprove,
            expires: Date().addingTimeInterval(TimeInterval(options.expiresIn)))
        return (deviceCode, String(formatted))
    }

    /// Approves the device code with `userCode`; false when there is none.
    func approve(userCode: String) -> Bool {
        guard let key = deviceCodes.first(where: { $0.value.userCode == userCode })?.key else { return false }
        deviceCodes[key]?.approved = true
        return true
    }

    enum PollResult {
        case token(String)
        case error(String, String)
    }

    func poll(deviceCode: String, clientID: String) -> PollResult {
        guard var code = deviceCodes[deviceCode], code.clientID == clientID else {
            return .error("invalid_grant", "Unknown device code")
        }
        code.polls += 1
        deviceCodes[deviceCode] = code
        if options.denyDevice { return .error("access_denied", "The user denied the request") }
        if options.expireDevice || code.expires < Date() { return .error("expired_token", "The device code has expired") }
        if options.slowDown, code.polls == 1 { return .error("slow_down", "Polling too fast") }
        let pendingLeft = options.pendingPolls - (code.polls - (options.slowDown ? 1 : 0))
        if !code.approved || pendingLeft >= 0 {
            if code.approved, pendingLeft < 0 { return issueAccessToken(deviceCode) }
            return .error("authorization_pending", "The user has not yet approved the request")
        }
        return issueAccessToken(deviceCode)
    }

    private func issueAccessToken(_ deviceCode: String) -> PollResult {
        deviceCodes[deviceCode] = nil
        let token = Self.randomToken()
        accessTokens.insert(token)
        return .token(token)
    }

    func newAuthorizationCode(_ code: AuthorizationCode) -> String {
        let value = Self.randomToken()
        authorizationCodes[value] = code
        return value
    }

    func redeem(code: String, clientID: String, redirectURI: String, verifier: String) -> PollResult {
        guard let stored = authorizationCodes.removeValue(forKey: code) else {
            return .error("invalid_grant", "Unknown or already used authorization code")
        }
        guard stored.clientID == clientID else { return .error("invalid_client", "client_id does not match") }
        guard stored.redirectURI == redirectURI else { return .error("invalid_grant", "redirect_uri does not match") }
        guard stored.method == "S256", PKCE.challenge(for: verifier) == stored.challenge else {
            return .error("invalid_grant", "PKCE verification failed")
        }
        let token = Self.randomToken()
        accessTokens.insert(token)
        return .token(token)
    }

    func isAccessToken(_ token: String) -> Bool { accessTokens.contains(token) }

    func mintKey(lifetime: Int? = nil) -> String {
        let key = LocalJWT.make(subject: "user-1", lifetime: lifetime.map { max(1, min($0, 10 * 365 * 86_400)) } ?? options.keyLifetime)
        issuedKeys.insert(key)
        return key
    }

    enum KeyCheck {
        case valid
        case missing
        case invalid
    }

    func check(key: String?) -> KeyCheck {
        guard let key else { return .missing }
        guard issuedKeys.contains(key) || LocalJWT.isWellFormed(key), !revoked.contains(key),
            !options.rejectedKeys.contains(key), LocalJWT.isUnexpired(key)
        else { return .invalid }
        return .valid
    }

    func revoke(_ token: String) {
        revoked.insert(token)
        accessTokens.remove(token)
    }

    /// The next forced status for `/api/account`, if any are left.
    func nextAccountStatus() -> Int? {
        accountStatuses.isEmpty ? nil : accountStatuses.removeFirst()
    }

    static func randomToken() -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
