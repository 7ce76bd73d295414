import AnacondaAuth
import AnacondaPluginAPI

/// The common part of `token install` and `token set --org`: the organization (given or chosen), the token (given,
/// or issued by the server), checked against the repository, then stored with the login. A token the repository
/// refuses is never stored.
struct TokenInstallation {
    let session: PluginSession
    let repository: PremiumRepository

    /// Returns the organization's name.
    func install(token given: String?, organization requested: String?, assumeYes: Bool) async throws -> String {
        let terminal = session.context.terminal
        return try await session.withClient { client in
            let api = RepositoryAPI(client: client)
            let organization: String
            if let requested {
                organization = requested
            } else {
                let business = Organization.business(
                    try await api.organizations(), subscriptions: try await api.subscriptions())
                organization = try OrganizationChoice.choose(from: business, terminal: terminal).name
            }
            var issued: IssuedToken?
            let token: String
            if let given {
                token = given
            } else {
                try await confirmReissue(api: api, organization: organization, assumeYes: assumeYes)
                let new = try await api.issueToken(organization: organization)
                issued = new
                token = new.token ?? ""
            }
            guard try await api.accepts(token: token, repository: repository) else {
                throw AnacondaError(
                    .condaTokenError,
                    message: "The token could not be validated. Please check that you have typed it correctly.")
            }
            try RepositoryTokens(store: session.store).set(token, for: organization)
            if let issued {
                let expiry = issued.expiresAt.map { " and expires \(IssuedToken.displayDate($0))" } ?? ""
                terminal.printError(
                    "Your conda token has been installed\(expiry). To view your token(s), you can use anaconda token list"
                )
            }
            return organization
        }
    }

    /// An organization that has a token already: reissuing revokes it, so the user is asked (unless `--yes`);
    /// off a terminal that is an error naming `--yes`.
    private func confirmReissue(api: RepositoryAPI, organization: String, assumeYes: Bool) async throws {
        guard !assumeYes, try await api.currentToken(organization: organization) != nil else { return }
        let terminal = session.context.terminal
        terminal.printError("An existing token already exists for the organization \(organization).")
        terminal.printError(
            "Reissuing a new token will revoke and deactivate any existing token access. This action can't be undone.")
        guard terminal.isInteractive else {
            throw AnacondaError(
                .confirmationRequired,
                message:
                    "Not reissuing the token of \(organization) without confirmation: run again with --yes, or on a terminal"
            )
        }
        guard try Prompts.proceed(terminal) else {
            terminal.printError("Aborted.")
            throw ExitCode.failure
        }
    }
}
