import AnacondaPluginAPI

/// How the shared error handler shows one error: the `<Label>: <message>` headline, the cause chain shown with
/// `--verbose`, and, for authentication errors, what is needed to recover.
struct ErrorReport {
    var headline: String
    var causes: [String]
    var authentication: (failure: AuthenticationFailure, site: String?)?

    init(for error: any Error) {
        causes = Self.causes(of: error)
        authentication = nil
        switch error {
        case let error as AnacondaError:
            headline = error.description
        case let error as AuthenticationRequiredError:
            headline = error.description
            authentication = (error.failure, error.site)
        case let error as HTTPStatusError:
            if let failure = error.authenticationFailure {
                headline = "\(failure.label): \(failure.message)"
                authentication = (failure, error.site)
            } else {
                headline = "\(AnacondaError.Code.httpError): \(error)"
            }
        case let error as PluginLoadError:
            headline = "\(AnacondaError.Code.pluginLoadError): \(error)"
        default:
            headline = "\(Self.label(of: error)): \(error)"
        }
    }

    /// The type name of an error the plugin did not label, like the reference's class name.
    private static func label(of error: any Error) -> String {
        let name = String(describing: type(of: error))
        return name.split(separator: ".").last.map(String.init) ?? name
    }

    /// The chain of underlying errors, outermost first, each as `Type: description`.
    private static func causes(of error: any Error) -> [String] {
        var chain: [String] = []
        var next = underlying(of: error)
        while let cause = next, chain.count < 10 {
            chain.append("\(String(reflecting: type(of: cause))): \(cause)")
            next = underlying(of: cause)
        }
        return chain
    }

    private static func underlying(of error: any Error) -> (any Error)? {
        switch error {
        case let error as AnacondaError: error.underlying
        case let error as AuthenticationRequiredError: error.underlying
        default: nil
        }
    }
}
