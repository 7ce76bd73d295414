import AnacondaCore
import FoundationEssentials

/// The browser flow: authorization code with PKCE S256 (RFC 7636, RFC 8252), the redirect caught on 127.0.0.1.
/// The URL is printed before the browser is tried; the listener takes only the one redirect and gives up after
/// the timeout.
struct AuthorizationCodeFlow {
    let client: AnacondaClient
    let configuration: OpenIDConfiguration
    let terminal: any Terminal
    let browser: any BrowserOpener
    var timeout: Duration = .seconds(300)

    func run() async throws -> String {
        let site = client.site
        let receiver = try LoopbackRedirectReceiver(redirectURI: site.redirectURI)
        let redirectURI = receiver.redirectURI(like: site.redirectURI)
        let pkce = PKCE.generate()
        let state = PKCE.state()
        var components = URLComponents(string: configuration.authorizationEndpoint)
        let existing = components?.queryItems ?? []
        components?.queryItems =
            existing + [
                .init(name: "response_type", value: "code"), .init(name: "client_id", value: site.clientID),
                .init(name: "redirect_uri", value: redirectURI), .init(name: "scope", value: "openid"),
                .init(name: "state", value: state), .init(name: "code_challenge", value: pkce.challenge),
                .init(name: "code_challenge_method", value: "S256"),
            ]
        guard let url = components?.string else {
            throw AnacondaError(
                .valueError, message: "Invalid authorization_endpoint \(configuration.authorizationEndpoint)")
        }
        terminal.printError("Open the following URL in a browser to log in:\n\n\(url)\n")
        if browser.open(url) {
            terminal.printError("Opened the login page in your browser; waiting for it to finish (CTRL-C to cancel).")
        }
        let timeout = self.timeout
        let code = try await Task.detached {
            try receiver.waitForCode(
                state: state, timeout: timeout, successURL: site.loginSuccessURL, errorURL: site.loginErrorURL)
        }.value
        let response = try await client.post(
            configuration.tokenEndpoint,
            form: [
                ("grant_type", "authorization_code"), ("client_id", site.clientID), ("code", code),
                ("redirect_uri", redirectURI), ("code_verifier", pkce.verifier),
            ])
        return try Self.accessToken(from: response)
    }

    /// The access token of the token endpoint's answer to the code exchange, or the reference's error.
    static func accessToken(from response: AnacondaResponse) throws -> String {
        let body = (try? response.json()) ?? .object([])
        guard let token = body["access_token"]?.stringValue, body["error"] == nil else {
            let error = body["error"]?.stringValue ?? "HTTP \(response.statusCode)"
            throw AnacondaError(
                .authenticationError,
                message: "Could not complete authentication: \(error) \(body["error_description"]?.stringValue ?? "")"
                    .trimmingWhitespace())
        }
        return token
    }
}
