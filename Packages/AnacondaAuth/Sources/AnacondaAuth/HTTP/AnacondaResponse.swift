import AnacondaCore

/// A response from ``AnacondaClient``, with what is needed to raise the reference's HTTP errors.
public struct AnacondaResponse: Sendable {
    public var statusCode: Int
    public var reason: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The requested URL.
    public var url: String
    /// Whether the request carried an `Authorization` header.
    public var authorizationSent: Bool
    /// The site the client was made for.
    public var site: String

    /// 2xx.
    public var isSuccess: Bool { (200..<300).contains(statusCode) }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as JSON.
    public func json() throws -> JSONValue {
        do {
            return try JSONValue.parse(body)
        } catch {
            throw AnacondaError(.jsonDecodeError, message: "The response from \(url) is not JSON: \(error)")
        }
    }

    /// `error.code` of an Anaconda API error body (`{"error": {"code": "auth_required"}}`).
    public var serverErrorCode: String? {
        guard let json = try? JSONValue.parse(body), case .object? = json["error"] else { return nil }
        return json["error"]?["code"]?.stringValue
    }

    /// Throws the reference's `HTTPError` for a 4xx or 5xx status. A 401/403 `auth_required` becomes an
    /// authentication error the host offers to log in for (`InvalidAuthentication` when a key was sent,
    /// `AuthenticationMissingError` when none was).
    public func raiseForStatus() throws {
        guard (400..<600).contains(statusCode) else { return }
        var error = HTTPStatusError(
            statusCode: statusCode, reason: reason, url: url, authorizationSent: authorizationSent,
            serverErrorCode: serverErrorCode, site: site)
        if error.authenticationFailure != nil {
            error.reason =
                authorizationSent
                ? "Your API key or login token is invalid."
                : "You must login before using this API endpoint or provide an api_key to your client."
        }
        throw error
    }
}
