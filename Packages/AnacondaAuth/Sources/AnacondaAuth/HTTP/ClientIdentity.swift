/// How a client introduces itself: the reference's `BaseClient` subclass attributes `_user_agent` and
/// `_api_version`. A plugin makes its own client with one value, e.g.
/// `AnacondaClient(site: site, identity: ClientIdentity(userAgent: "my-plugin/1.0", apiVersion: "2"))`.
public struct ClientIdentity: Sendable, Equatable {
    public var userAgent: String
    /// Sent as `Api-Version` when set; compared with a response's `Min-Api-Version`.
    public var apiVersion: String?

    public init(userAgent: String, apiVersion: String? = nil) {
        self.userAgent = userAgent
        self.apiVersion = apiVersion
    }

    /// `anaconda-auth/<version>`.
    public static let anacondaAuth = ClientIdentity(userAgent: "anaconda-auth/\(AnacondaAuthVersion.current)")
}
