import AnacondaAuth
import AnacondaPluginAPI
import Foundation
import Glibc
import Testing

@Suite("HTTP client timeouts")
struct ClientTimeoutTests {
    /// A listener that accepts connections and never answers.
    final class SilentServer {
        let socket: Int32
        let port: UInt16

        init() {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.socket = socket
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            listen(socket, 8)
            var bound = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &bound) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
            }
            self.port = UInt16(bigEndian: bound.sin_port)
        }

        deinit { close(socket) }
    }

    @Test("a server that never answers is a Timeout error naming the host, after the read timeout")
    func readTimeout() async throws {
        let server = SilentServer()
        let site = AnacondaAuthSite(site: "s", homeDirectory: "/nonexistent")
        let client = try AnacondaClient(
            site: site, baseURL: "http://127.0.0.1:\(server.port)", tokenStore: nil, environment: [:],
            timeouts: HTTPTimeouts(connect: .seconds(2), read: .milliseconds(500)), retryPolicy: .none)
        let start = ContinuousClock.now
        do {
            _ = try await client.get("/api/account")
            Issue.record("expected a timeout")
        } catch let error as AnacondaError {
            #expect(error.code == .timeout)
            #expect(error.message.hasPrefix("No answer from 127.0.0.1:\(server.port) in time"))
        }
        // Well below AsyncHTTPClient's 60 s default read timeout even when the parallel test run starves this task
        // of threads (seen: 22 s on 2 busy cores; about 0.6 s alone).
        #expect(ContinuousClock.now - start < .seconds(50))
        try await client.shutdown()
        withExtendedLifetime(server) {}
    }
}
