/// Who may sign in: anyone by default; otherwise a user matching any listed email, email domain or organization
/// (emails only when the provider says they are verified), and the custom check when there is one.
public struct AuthorizationRule: Sendable {
    /// Allowed emails, lower case.
    public var emails: Set<String> = []
    /// Allowed email domains (`example.com`), lower case.
    public var emailDomains: Set<String> = []
    /// Allowed organization names.
    public var organizations: Set<String> = []
    /// A check of the app's own, after the lists.
    public var custom: (@Sendable (AnacondaUser) async -> Bool)?

    public init(
        emails: Set<String> = [], emailDomains: Set<String> = [], organizations: Set<String> = [],
        custom: (@Sendable (AnacondaUser) async -> Bool)? = nil
    ) {
        self.emails = Set(emails.map { $0.lowercased() })
        self.emailDomains = Set(emailDomains.map { $0.lowercased() })
        self.organizations = Set(organizations.map { $0.lowercased() })
        self.custom = custom
    }

    public func allows(_ user: AnacondaUser) async -> Bool {
        if !(emails.isEmpty && emailDomains.isEmpty && organizations.isEmpty) {
            let email = user.email.lowercased()
            let domain = email.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            let byEmail = user.emailVerified && (emails.contains(email) || emailDomains.contains(domain))
            let byOrganization = user.organizations.contains { organizations.contains($0.lowercased()) }
            guard byEmail || byOrganization else { return false }
        }
        if let custom { return await custom(user) }
        return true
    }
}
