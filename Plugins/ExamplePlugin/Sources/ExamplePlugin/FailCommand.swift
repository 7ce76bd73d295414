import AnacondaPluginAPI

/// `anaconda plugin fail KIND`: throws one of the errors the host's handler knows.
struct FailCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "fail", abstract: "Fail with the given kind of error.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case http422 = "http-422"
        case http500 = "http-500"
        case authRequiredWithKey = "auth-required-with-key"
        case authRequiredWithoutKey = "auth-required-without-key"
        case tokenNotFound = "token-not-found"
        case tokenExpired = "token-expired"
        case labelled
        case plain
    }

    @Argument(help: "The kind of error.")
    var kind: Kind

    @Option(help: "A secret that must never be printed.")
    var apiKey: String?

    struct PlainError: Error, CustomStringConvertible {
        var description: String { "something went wrong" }
    }

    func run(in context: PluginContext) async throws {
        context.logger.debug("failing with \(kind.rawValue)")
        let url = "https://127.0.0.1:8443/api/something"
        switch kind {
        case .http422:
            throw HTTPStatusError(statusCode: 422, url: url, authorizationSent: apiKey != nil)
        case .http500:
            throw HTTPStatusError(statusCode: 500, url: url, authorizationSent: false)
        case .authRequiredWithKey:
            throw HTTPStatusError(
                statusCode: 401, url: url, authorizationSent: true, serverErrorCode: "auth_required",
                site: context.site)
        case .authRequiredWithoutKey:
            throw HTTPStatusError(
                statusCode: 403, url: url, authorizationSent: false, serverErrorCode: "auth_required",
                site: context.site)
        case .tokenNotFound:
            throw AuthenticationRequiredError(.tokenNotFound, site: context.site)
        case .tokenExpired:
            throw AuthenticationRequiredError(.tokenExpired, site: context.site)
        case .labelled:
            throw AnacondaError(
                .deviceFlowError, message: "Server does not support device authorization",
                underlying: AnacondaError(.discoveryError, message: "no device_authorization_endpoint"))
        case .plain:
            throw PlainError()
        }
    }
}
