/// A response with a 4xx or 5xx status, rendered as the reference's `requests.HTTPError`:
/// `HTTPError: 422 Client Error: Unprocessable Entity for url: https://example.com/api/something`.
public struct HTTPStatusError: Error, CustomStringConvertible {
    /// The response status code.
    public var statusCode: Int
    /// The reason phrase of the response.
    public var reason: String
    /// The requested URL.
    public var url: String
    /// Whether the request carried an `Authorization` header.
    public var authorizationSent: Bool
    /// `error.code` from a JSON error body, if any (`auth_required` means the server wants a login).
    public var serverErrorCode: String?
    /// The site (name or domain) the request was made for.
    public var site: String?

    /// Creates an error. Without a reason phrase, the standard one for the status is used.
    public init(
        statusCode: Int,
        reason: String? = nil,
        url: String,
        authorizationSent: Bool,
        serverErrorCode: String? = nil,
        site: String? = nil
    ) {
        self.statusCode = statusCode
        self.reason = reason ?? HTTPReasonPhrase.standard(for: statusCode)
        self.url = url
        self.authorizationSent = authorizationSent
        self.serverErrorCode = serverErrorCode
        self.site = site
    }

    /// `Client Error` for 4xx, `Server Error` otherwise.
    public var statusClass: String { (400..<500).contains(statusCode) ? "Client Error" : "Server Error" }

    /// `<status> <class>: <reason> for url: <url>`, as `str(requests.HTTPError)`.
    public var description: String { "\(statusCode) \(statusClass): \(reason) for url: \(url)" }

    /// The reference's `auth_required` mapping: a 401/403 whose body says `auth_required` means the key was
    /// rejected (one was sent) or is missing (none was sent).
    public var authenticationFailure: AuthenticationFailure? {
        guard [401, 403].contains(statusCode), serverErrorCode == "auth_required" else { return nil }
        return authorizationSent ? .invalidAuthentication : .authenticationMissing
    }
}
