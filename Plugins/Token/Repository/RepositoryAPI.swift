import AnacondaAuth
import AnacondaPluginAPI

/// The Anaconda API calls behind `anaconda token`: organizations, subscriptions, the organization's current
/// repository token, issuing one, and checking a token against the repository. Answers are checked: a server that
/// sends something else gets a one-line error naming the URL, not a crash.
struct RepositoryAPI {
    let client: AnacondaClient

    func organizations() async throws -> [Organization] {
        let response = try await client.get("/api/organizations/my")
        try response.raiseForStatus()
        return try read(response, expecting: "a list of organizations") { json in
            try json.array().map { entry in
                Organization(
                    id: try entry.field("id").string(), name: try entry.field("name").string(),
                    title: try entry.optionalField("title")?.string() ?? entry.field("name").string())
            }
        }
    }

    func subscriptions() async throws -> [Subscription] {
        let response = try await client.get("/api/account")
        try response.raiseForStatus()
        return try read(response, expecting: "an account") { json in
            try (json.optionalField("subscriptions")?.array() ?? []).map { entry in
                Subscription(
                    organizationID: try entry.optionalField("org_id")?.string(),
                    productCode: try entry.field("product_code").string())
            }
        }
    }

    /// The organization's current token (its expiry), or `nil` when it has none (404).
    func currentToken(organization: String) async throws -> IssuedToken? {
        let response = try await client.get(tokenPath(organization))
        if response.statusCode == 404 { return nil }
        try response.raiseForStatus()
        return try read(response, expecting: "the current token") { json in
            IssuedToken(token: nil, expiresAt: try json.optionalField("expires_at")?.string())
        }
    }

    /// Issues a new token for the organization; the server revokes the previous one.
    func issueToken(organization: String) async throws -> IssuedToken {
        let body = Array(JSONWriter.python.string(.object([.init("confirm", .string("yes"))])).utf8)
        let response = try await client.send(
            "PUT", tokenPath(organization), headers: [("Content-Type", "application/json")], body: body)
        try response.raiseForStatus()
        return try read(response, expecting: "a new token") { json in
            IssuedToken(
                token: try json.field("token").string(), expiresAt: try json.optionalField("expires_at")?.string())
        }
    }

    /// Whether the repository accepts `token`: `HEAD <host>/t/<token>/<path>/main/noarch/repodata.json` answers 200.
    /// The token is in the URL, so the URL appears redacted in logs and errors.
    func accepts(token: String, repository: PremiumRepository) async throws -> Bool {
        let response = try await client.send("HEAD", repository.validationURL(token: token), authenticated: false)
        client.logger.debug("The repository answered HTTP \(response.statusCode) for the token check")
        return response.statusCode == 200
    }

    private func tokenPath(_ organization: String) -> String {
        "/api/organizations/\(PremiumRepository.escapePathSegment(organization))/ce/current-token"
    }

    private func read<T>(_ response: AnacondaResponse, expecting what: String, _ body: (JSONReader) throws -> T) throws
        -> T
    {
        do {
            return try body(JSONReader(try response.json()))
        } catch let error as JSONReader.FieldError {
            throw AnacondaError(.validationError, message: "The answer from \(response.url) is not \(what): \(error)")
        }
    }
}
