import AnacondaAuth
import AnacondaPluginAPI

/// The repository tokens of the site's login: `repo_tokens` of its keyring entry, shared with the Python tools
/// (`TokenInfo.get_repo_token()` reads what this writes and the other way round). Every change is one keyring
/// write (locked and atomic in the file keyring).
struct RepositoryTokens {
    let store: TokenStore

    /// The stored tokens, in order; none without a login entry.
    func all() throws -> [TokenInfo.RepoToken] {
        try store.load()?.repoTokens ?? []
    }

    /// Stores `token` for `organization`, replacing (and moving to the end, as the reference does) an earlier one.
    /// Creates the entry when there is none (no API key then, as the reference's `TokenInfo.load(create=True)`).
    func set(_ token: String, for organization: String) throws {
        var info = try store.load() ?? TokenInfo(domain: store.site.domain, apiKey: nil)
        info.repoTokens.removeAll { $0.orgName == organization }
        info.repoTokens.append(TokenInfo.RepoToken(token: token, orgName: organization))
        info.version = 2
        try store.save(info)
    }

    /// Removes the organization's token (`nil`: every token). Returns how many were removed; the entry must exist
    /// (the reference's `TokenNotFoundError` otherwise).
    @discardableResult
    func remove(organization: String?) throws -> Int {
        guard var info = try store.load() else {
            throw AnacondaError(.tokenNotFoundError, message: "Login is required to complete this action.")
        }
        let before = info.repoTokens.count
        if let organization {
            info.repoTokens.removeAll { $0.orgName == organization }
        } else {
            info.repoTokens.removeAll()
        }
        try store.save(info)
        return before - info.repoTokens.count
    }
}
