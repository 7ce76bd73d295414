/// The signed-in user, from the ID token and userinfo. The email is the user's key, as in the Panel provider.
public struct AnacondaUser: Codable, Sendable, Equatable {
    /// The provider's subject (`sub`).
    public var subject: String
    public var email: String
    public var emailVerified: Bool
    public var name: String?
    public var username: String?
    /// Organization names, when the provider tells.
    public var organizations: [String]

    public init(
        subject: String, email: String, emailVerified: Bool, name: String? = nil, username: String? = nil,
        organizations: [String] = []
    ) {
        self.subject = subject
        self.email = email
        self.emailVerified = emailVerified
        self.name = name
        self.username = username
        self.organizations = organizations
    }

    /// What to call the user: the name, else the username, else the email.
    public var displayName: String { name ?? username ?? email }

    // Short keys: the whole session travels in a cookie on every request.
    enum CodingKeys: String, CodingKey {
        case subject = "s"
        case email = "e"
        case emailVerified = "v"
        case name = "n"
        case username = "u"
        case organizations = "o"
    }
}
