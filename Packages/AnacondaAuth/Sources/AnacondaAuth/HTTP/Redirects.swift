import AnacondaCore
import FoundationEssentials

/// Redirects, followed by ``AnacondaClient`` rather than the transport, so that a `Location` a server sends is checked
/// before anything connects to it: http or https only, a port from 1 to 65535, at most ``limit`` hops. As Python
/// requests does: `Authorization` is dropped when the host changes, and 303 (and 301/302 after a POST) turn into a
/// GET without a body.
enum Redirects {
    static let statuses: Set<Int> = [301, 302, 303, 307, 308]
    static let limit = 10

    /// The request that follows `response`, or `nil` when it is not a redirect.
    static func next(after response: HTTPTransportResponse, to request: HTTPTransportRequest) throws
        -> HTTPTransportRequest?
    {
        guard statuses.contains(response.statusCode),
            let location = response.headers.first(where: { $0.0.lowercased() == "location" })?.1
        else { return nil }
        guard let base = URL(string: request.url), let target = URL(string: location, relativeTo: base)?.absoluteURL,
            let scheme = target.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = target.host,
            !host.isEmpty, target.port.map({ (1...65535).contains($0) }) ?? true,
            hasValidPort(location)
        else {
            throw AnacondaError(
                .invalidURL,
                message: "The server at \(URLRedaction.redact(request.url)) redirected to an invalid location: "
                    + URLRedaction.redact(String(location.prefix(200))))
        }
        var next = request
        next.url = target.absoluteString
        if response.statusCode == 303 || (request.method == "POST" && [301, 302].contains(response.statusCode)) {
            next.method = "GET"
            next.body = nil
            next.headers.removeAll { ["content-type", "content-length"].contains($0.0.lowercased()) }
        }
        if base.host?.lowercased() != host.lowercased() {
            next.headers.removeAll { $0.0.lowercased() == "authorization" }
        }
        return next
    }

    /// A port written in an absolute `Location` must be a port number (`URL` drops a too-long one silently).
    private static func hasValidPort(_ location: String) -> Bool {
        guard let text = NetworkPort.authority(of: location).flatMap(NetworkPort.text(inAuthority:)) else {
            return true
        }
        return text.isEmpty || NetworkPort.parse(text) != nil
    }
}
