import FoundationEssentials

/// A signed-in session: everything the app needs, sealed in the session cookie, so no server-side store exists and
/// any replica that has the cookie secret can serve the user.
public struct WebSession: Codable, Sendable, Equatable {
    /// A random id, the key of the session's CSRF token.
    public var id: String
    public var user: AnacondaUser
    /// The access token for Anaconda APIs (a secret: never logged).
    public var accessToken: String
    public var refreshToken: String?
    /// When the access token expires (seconds since 1970).
    public var accessTokenExpiry: Int
    /// When the session ends, whatever the tokens say (seconds since 1970).
    public var expiry: Int

    public init(
        id: String, user: AnacondaUser, accessToken: String, refreshToken: String?, accessTokenExpiry: Int, expiry: Int
    ) {
        self.id = id
        self.user = user
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.accessTokenExpiry = accessTokenExpiry
        self.expiry = expiry
    }

    func isExpired(now: Date) -> Bool { Double(expiry) <= now.timeIntervalSince1970 }

    /// Whether the access token needs refreshing: expired, or expiring within `margin` seconds (time for the
    /// request that uses it).
    func accessTokenIsStale(now: Date, margin: Double = 2) -> Bool {
        Double(accessTokenExpiry) <= now.timeIntervalSince1970 + margin
    }

    enum CodingKeys: String, CodingKey {
        case id = "i"
        case user = "u"
        case accessToken = "a"
        case refreshToken = "r"
        case accessTokenExpiry = "x"
        case expiry = "e"
    }
}

/// A session printed, dumped or logged shows who, never its tokens.
extension WebSession: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "WebSession(\(user.email), access token until \(accessTokenExpiry), ends \(expiry))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "user": user, "accessToken": "<redacted>", "refreshToken": "<redacted>",
                "accessTokenExpiry": accessTokenExpiry, "expiry": expiry,
            ])
    }
}
