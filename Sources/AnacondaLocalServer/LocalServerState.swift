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
        /// Web clients: the request's OpenID Connect nonce and the granted scope.
        var nonce: String? = nil
        var scope = "openid"
    }

    /// A web client's authorization request waiting for the user's answer on the approval page.
    struct ApprovalRequest {
        var code: AuthorizationCode
        /// The client's `state` parameter, returned with the answer.
        var clientState: String?
    }

    /// Tokens issued to a web client.
    struct WebGrant {
        var accessToken: String
        var lifetime: Int
        var scope: String
        /// Only when the scope has `offline_access`.
        var refreshToken: String?
        /// The nonce for the ID token (authorization code grant only).
        var nonce: String?
    }

    enum WebTokenResult {
        case granted(WebGrant)
        case error(String, String)
    }

    private struct RefreshGrant {
        var clientID: String
        var scope: String
    }

    private(set) var options: LocalServerOptions
    private var deviceCodes: [String: DeviceCode] = [:]
    private var authorizationCodes: [String: AuthorizationCode] = [:]
    private var approvalRequests: [String: ApprovalRequest] = [:]
    private var refreshTokens: [String: RefreshGrant] = [:]
    private var webAccessTokens: Set<String> = []
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
        if options.expireDevice || code.expires < Date() {
            return .error("expired_token", "The device code has expired")
        }
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
        switch take(
            code: code, clientID: clientID, redirectURI: redirectURI, verifier: verifier, otherClient: "invalid_client")
        {
        case .error(let error, let description):
            return .error(error, description)
        case .valid:
            let token = Self.randomToken()
            accessTokens.insert(token)
            return .token(token)
        }
    }

    private enum CodeCheck {
        case valid(AuthorizationCode)
        case error(String, String)
    }

    /// Takes the authorization code (single use: it is gone even when a check fails) and checks it against the token
    /// request; `otherClient` is the error when the code was issued to another client.
    private func take(code: String, clientID: String, redirectURI: String, verifier: String, otherClient: String)
        -> CodeCheck
    {
        guard let stored = authorizationCodes.removeValue(forKey: code) else {
            return .error("invalid_grant", "Unknown or already used authorization code")
        }
        guard stored.clientID == clientID else { return .error(otherClient, "client_id does not match") }
        guard stored.redirectURI == redirectURI else { return .error("invalid_grant", "redirect_uri does not match") }
        guard stored.method == "S256", PKCE.challenge(for: verifier) == stored.challenge else {
            return .error("invalid_grant", "PKCE verification failed")
        }
        return .valid(stored)
    }

    func isAccessToken(_ token: String) -> Bool { accessTokens.contains(token) }

    func mintKey(lifetime: Int? = nil) -> String {
        let key = LocalJWT.make(
            subject: "user-1", lifetime: lifetime.map { max(1, min($0, 10 * 365 * 86_400)) } ?? options.keyLifetime)
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
        refreshTokens[token] = nil
    }

    /// The next forced status for `/api/account`, if any are left.
    func nextAccountStatus() -> Int? {
        accountStatuses.isEmpty ? nil : accountStatuses.removeFirst()
    }

    // MARK: - Web clients (OpenID Connect)

    func newApprovalRequest(_ request: ApprovalRequest) -> String {
        let id = Self.randomToken()
        approvalRequests[id] = request
        return id
    }

    /// The pending request with `id`, which is then answered (gone); nil when unknown or already answered.
    func takeApprovalRequest(_ id: String) -> ApprovalRequest? {
        approvalRequests.removeValue(forKey: id)
    }

    /// The authorization code grant of a web client (already authenticated).
    func redeemWeb(code: String, clientID: String, redirectURI: String, verifier: String) -> WebTokenResult {
        switch take(
            code: code, clientID: clientID, redirectURI: redirectURI, verifier: verifier, otherClient: "invalid_grant")
        {
        case .error(let error, let description):
            return .error(error, description)
        case .valid(let stored):
            return .granted(issueWebTokens(clientID: clientID, scope: stored.scope, nonce: stored.nonce))
        }
    }

    /// The refresh token grant of a web client (already authenticated): the refresh token rotates.
    func refreshWeb(refreshToken: String, clientID: String) -> WebTokenResult {
        guard let grant = refreshTokens[refreshToken], grant.clientID == clientID else {
            return .error("invalid_grant", "Unknown, used or revoked refresh token")
        }
        refreshTokens[refreshToken] = nil
        return .granted(issueWebTokens(clientID: clientID, scope: grant.scope, nonce: nil))
    }

    /// Whether `token` is a web client's access token, neither revoked nor expired.
    func isWebAccessToken(_ token: String) -> Bool {
        webAccessTokens.contains(token) && !revoked.contains(token) && LocalJWT.isUnexpired(token)
    }

    func setIDTokenFault(_ fault: IDTokenFault?) { options.idTokenFault = fault }

    func setAccessTokenLifetime(_ seconds: Int) { options.accessTokenLifetime = seconds }

    /// A JWT access token (accepted by `/api/account` until it expires) and, for `offline_access`, a refresh token.
    private func issueWebTokens(clientID: String, scope: String, nonce: String?) -> WebGrant {
        let lifetime = options.accessTokenLifetime
        let accessToken = LocalJWT.make(subject: "user-1", lifetime: lifetime)
        issuedKeys.insert(accessToken)
        webAccessTokens.insert(accessToken)
        let refreshToken: String?
        if scope.split(separator: " ").contains("offline_access") {
            let token = "rt-" + Self.randomToken()
            refreshTokens[token] = RefreshGrant(clientID: clientID, scope: scope)
            refreshToken = token
        } else {
            refreshToken = nil
        }
        return WebGrant(
            accessToken: accessToken, lifetime: lifetime, scope: scope, refreshToken: refreshToken, nonce: nonce)
    }

    static func randomToken() -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
