import AnacondaPluginAPI
import Foundation

/// The organizations, subscriptions and repository tokens of the local server (`anaconda token`): the tokens it
/// issued per organization (issuing a new one revokes the old), and the repository's answer to a token.
actor LocalRepository {
    struct Organization: Sendable {
        var id: String
        var name: String
        var title: String
        var productCode: String
    }

    struct Token: Sendable {
        var value: String
        var expiresAt: String
    }

    nonisolated let organizations: [Organization]
    private var current: [String: Token] = [:]
    private let rejectsEveryToken: Bool

    /// `specs`: `NAME[:TITLE[:PRODUCT]]` each (title defaults to the name, product to `business`).
    init(specs: [String], existingTokens: [String], rejectsEveryToken: Bool) {
        organizations = specs.enumerated().map { index, spec in
            let parts = spec.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            return Organization(
                id: "00000000-0000-4000-8000-\(String(repeating: "0", count: 11))\(index + 1)", name: parts[0],
                title: parts.count > 1 && !parts[1].isEmpty ? parts[1] : parts[0],
                productCode: parts.count > 2 && !parts[2].isEmpty ? parts[2] : "business")
        }
        self.rejectsEveryToken = rejectsEveryToken
        for name in existingTokens { current[name] = Self.newToken(prefix: "existing") }
    }

    func organization(named name: String) -> Organization? { organizations.first { $0.name == name } }

    func currentToken(of organization: String) -> Token? { current[organization] }

    /// A new token for the organization; the previous one stops working.
    func issue(for organization: String) -> Token {
        let token = Self.newToken(prefix: "tok")
        current[organization] = token
        return token
    }

    /// Whether the repository serves `token`: one of the current tokens (none with `--reject-tokens`).
    func accepts(_ token: String) -> Bool {
        !rejectsEveryToken && current.values.contains { $0.value == token }
    }

    private static func newToken(prefix: String) -> Token {
        let expiry = ISO8601DateFormatter().string(from: Date().addingTimeInterval(365 * 24 * 3600))
        return Token(value: "\(prefix)-" + String(LocalServerState.randomToken().prefix(24)), expiresAt: expiry)
    }
}
