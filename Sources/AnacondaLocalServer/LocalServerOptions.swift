/// How the local Anaconda server behaves. The defaults act like the real service; the knobs make it misbehave in
/// the ways the tests need.
public struct LocalServerOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (printed when the server is ready).
    public var port = 8443
    /// Plain HTTP instead of HTTPS with a generated certificate.
    public var plainHTTP = false
    /// Where the generated CA, server and client certificates are written.
    public var stateDirectory: String
    /// Approve device codes and authorization requests without a visit to the approval page.
    public var autoApprove = false
    /// Answer `authorization_pending` this many times before a device code is granted.
    public var pendingPolls = 0
    /// Answer `slow_down` to the first poll.
    public var slowDown = false
    /// Answer `access_denied` to device polls.
    public var denyDevice = false
    /// Answer `expired_token` to device polls.
    public var expireDevice = false
    /// Leave `device_authorization_endpoint` out of the discovery document.
    public var noDeviceEndpoint = false
    /// The polling interval the device endpoint announces (seconds).
    public var interval = 0
    /// How long device codes live (seconds).
    public var expiresIn = 600
    /// Raw JSON text announced as the device response's `interval` instead of `interval` (e.g. `1e300`, `NaN`).
    public var announcedInterval: String?
    /// Raw JSON text announced as the device response's `expires_in` instead of `expiresIn`.
    public var announcedExpiresIn: String?
    /// The lifetime of minted API keys (seconds).
    public var keyLifetime = 365 * 24 * 3600
    /// The status `/api/auth/api-keys` answers (anything but 201 makes clients fall back to `/api/iam/api-keys`).
    public var firstMintStatus = 201
    /// The status `/api/iam/api-keys` answers.
    public var secondMintStatus = 201
    /// Sent as `Min-Api-Version` on every response when set.
    public var minimumAPIVersion: String?
    /// API keys `/api/account` rejects with `auth_required`.
    public var rejectedKeys: Set<String> = []
    /// Statuses `/api/account` answers first, in order, before it works (429 and 503 carry `Retry-After`).
    public var accountStatuses: [Int] = []
    /// The `Retry-After` value sent with 429/503, as written (seconds, an HTTP date or anything else).
    public var retryAfter = "1"
    /// The user's organizations, `NAME[:TITLE[:PRODUCT]]` each; a product code containing `starter` is not a
    /// business subscription.
    public var organizations = ["acme:Acme Corp:commercial_business"]
    /// Organizations that have a repository token already.
    public var existingTokens: [String] = []
    /// The repository refuses every token (403).
    public var rejectTokens = false
    /// Require a client certificate signed by the generated CA.
    public var requireClientCertificate = false
    /// Confidential OpenID Connect clients (web apps); every other client ID is a public (CLI) client.
    public var webClients: [LocalWebClient] = []
    /// The lifetime of the access tokens web clients get (seconds).
    public var accessTokenLifetime = 3600
    /// Breaks every ID token the server signs in this way.
    public var idTokenFault: IDTokenFault?

    public init(stateDirectory: String) {
        self.stateDirectory = stateDirectory
    }
}
