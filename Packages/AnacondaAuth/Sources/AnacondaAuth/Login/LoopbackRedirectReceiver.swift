import AnacondaCore
import FoundationEssentials
import Glibc

/// The browser flow's one-shot HTTP listener on 127.0.0.1 for `redirect_uri`. It answers stray requests (a
/// favicon) with 404 and keeps waiting; the redirect with the right `state` gets a redirect to the success page.
final class LoopbackRedirectReceiver: @unchecked Sendable {
    let port: Int
    let path: String
    private let socket: Int32

    /// Binds now, so a busy port is reported before any browser opens. Port 0 takes a free port.
    init(redirectURI: String) throws {
        guard let components = URLComponents(string: redirectURI), components.scheme == "http",
            let host = components.host, ["127.0.0.1", "localhost"].contains(host)
        else {
            throw AnacondaError(
                .valueError, message: "redirect_uri \(redirectURI) must be http://127.0.0.1:<port>/<path>")
        }
        guard let requestedPort = Self.port(of: redirectURI) else {
            throw AnacondaError(
                .valueError, message: "redirect_uri \(redirectURI) has an invalid port (expected 0 to 65535)")
        }
        path = components.path.isEmpty ? "/" : components.path
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw AtomicFileWriter.failure("cannot create a socket") }
        self.socket = socket
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(requestedPort.bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socket, 8) == 0 else {
            let reason = String(cString: strerror(errno))
            close(socket)
            throw AnacondaError(
                .osError,
                message: "[Errno \(errno)] \(reason): 127.0.0.1:\(requestedPort) (redirect_uri \(redirectURI)); "
                    + "free the port, set redirect_uri to another port, or log in with --device")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(socket, $0, &length) }
        }
        port = Int(UInt16(bigEndian: actual.sin_port))
    }

    /// The port of `uri`: 80 when none is written; `nil` when one is written but is not a number from 0 to 65535
    /// (`URLComponents` accepts 70000 and turns a too-long number into no port at all).
    private static func port(of uri: String) -> UInt16? {
        guard let text = NetworkPort.authority(of: uri).flatMap(NetworkPort.text(inAuthority:)), !text.isEmpty else {
            return 80
        }
        return NetworkPort.parse(text).map { UInt16($0) }
    }

    deinit {
        close(socket)
    }

    /// The redirect URI with the port actually bound.
    func redirectURI(like configured: String) -> String {
        guard var components = URLComponents(string: configured) else { return configured }
        components.port = port
        return components.string ?? configured
    }

    /// Waits (at most `timeout`) for `GET <path>?code=…&state=…` and returns the code. `successURL` is where the
    /// browser goes next.
    func waitForCode(state: String, timeout: Duration, successURL: String, errorURL: String) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                throw AnacondaError(
                    .authenticationError,
                    message: "Timed out after \(timeout) waiting for the browser to complete the login")
            }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(remaining.components.seconds * 1000 + 1000, 60_000))
            guard poll(&descriptor, 1, milliseconds) > 0 else { continue }
            let connection = accept(socket, nil, nil)
            guard connection >= 0 else { continue }
            defer { close(connection) }
            guard
                let target = Self.requestTarget(connection, deadline: min(deadline, ContinuousClock.now + .seconds(5))),
                let components = URLComponents(string: "http://127.0.0.1" + target), components.path == path
            else {
                Self.respond(connection, "404 Not Found", location: nil)
                continue
            }
            let items = Self.formItems(components.percentEncodedQuery ?? "")
            if let error = items.first(where: { $0.name == "error" })?.value {
                Self.respond(connection, "307 Temporary Redirect", location: errorURL)
                let description = items.first { $0.name == "error_description" }?.value
                throw AnacondaError(
                    .authenticationError,
                    message: "The login was not completed: \(error)\(description.map { " - \($0)" } ?? "")")
            }
            let receivedState = items.first { $0.name == "state" }?.value ?? ""
            guard let code = items.first(where: { $0.name == "code" })?.value, ConstantTime.equal(receivedState, state)
            else {
                Self.respond(connection, "307 Temporary Redirect", location: errorURL)
                throw AnacondaError(.authenticationError, message: "State does not match")
            }
            Self.respond(connection, "307 Temporary Redirect", location: successURL)
            return code
        }
    }

    /// `application/x-www-form-urlencoded` query items (`+` is a space), as browsers and Python send them.
    static func formItems(_ query: String) -> [URLQueryItem] {
        FormEncoding.pairs(query).map { URLQueryItem(name: $0.name, value: $0.value) }
    }

    /// The request target of the request line, reading at most 8 KiB until `deadline` (a slow or silent client
    /// cannot hold the listener).
    private static func requestTarget(_ connection: Int32, deadline: ContinuousClock.Instant) -> String? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        while bytes.count < 8192, !bytes.contains(0x0A) {
            let remaining = (deadline - ContinuousClock.now).components
            let milliseconds = remaining.seconds * 1000 + remaining.attoseconds / 1_000_000_000_000_000
            var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard milliseconds > 0, poll(&descriptor, 1, Int32(clamping: milliseconds)) > 0 else { break }
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        let line = String(decoding: bytes.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" else { return nil }
        return String(parts[1])
    }

    private static func respond(_ connection: Int32, _ status: String, location: String?) {
        var text = "HTTP/1.1 \(status)\r\nContent-Length: 0\r\nConnection: close\r\n"
        if let location { text += "Location: \(location)\r\n" }
        text += "\r\n"
        _ = text.withCString { write(connection, $0, strlen($0)) }
    }
}
