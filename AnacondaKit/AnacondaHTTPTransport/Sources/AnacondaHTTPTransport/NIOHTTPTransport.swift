import AnacondaAuth
import AnacondaPluginAPI
import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL

/// ``HTTPTransport`` on AsyncHTTPClient: one connection pool per client on NIO's shared event loops, TLS by
/// BoringSSL, redirects returned to the caller, compressed responses inflated (at most 100 times their size).
final class NIOHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let maximumBodySize: Int

    init(_ settings: HTTPTransportSettings) throws {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try Self.tlsConfiguration(settings),
            // AnacondaClient follows redirects itself, after checking each Location.
            redirectConfiguration: .disallow,
            timeout: .init(connect: .init(settings.timeouts.connect), read: .init(settings.timeouts.read)),
            decompression: .enabled(limit: .ratio(100)))
        // A failed connection fails the request at once: AnacondaClient's retry policy decides about trying again.
        // (AsyncHTTPClient's default keeps retrying until the connect timeout, so a refused connection took 10 s per
        // attempt and 43 s in all.)
        configuration.connectionPool.retryConnectionEstablishment = false
        if let proxy = settings.proxy {
            let authorization = proxy.username.map {
                HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "")
            }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        maximumBodySize = settings.maximumBodySize
    }

    /// The whole response is gathered on the connection's event loop, so the calling task resumes once per
    /// request (the streaming API resumes it for the head and again for the body: a thread hop each time).
    func exchange(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        let prepared: HTTPClient.Request
        do {
            prepared = try HTTPClient.Request(
                url: request.url, method: HTTPMethod(rawValue: request.method), headers: HTTPHeaders(request.headers),
                body: request.body.map { .bytes($0) })
        } catch {
            throw HTTPTransportFailure(.connection, "\(error)", underlying: error)
        }
        let task = client.execute(
            request: prepared, delegate: ResponseAccumulator(request: prepared, maxBodySize: maximumBodySize),
            deadline: .now() + .seconds(300))
        let response: HTTPClient.Response
        do {
            response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
        } catch {
            throw Self.classify(error)
        }
        return HTTPTransportResponse(
            statusCode: Int(response.status.code), reason: response.status.reasonPhrase,
            headers: response.headers.map { ($0.name, $0.value) }, body: response.body.map { Array(buffer: $0) } ?? [])
    }

    func shutdown() async throws {
        try await client.shutdown()
    }

    private static func classify(_ error: any Error) -> any Error {
        if error is CancellationError { return error }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("handshakeFailed") || text.contains("certificate") {
            return HTTPTransportFailure(.certificate, text, underlying: error)
        }
        if let error = error as? HTTPClientError, error == .readTimeout || error == .connectTimeout || error == .deadlineExceeded {
            return HTTPTransportFailure(.timeout, text, underlying: error)
        }
        if let error = error as? NIOConnectionError, error.connectionErrors.isEmpty,
            error.dnsAError is SocketAddressError.UnknownHost || error.dnsAAAAError is SocketAddressError.UnknownHost
        {
            return HTTPTransportFailure(.connection, text, underlying: error, isRetryable: false)
        }
        return HTTPTransportFailure(.connection, text, underlying: error)
    }

    private static func tlsConfiguration(_ settings: HTTPTransportSettings) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch settings.sslVerify {
        case .enabled, .truststore: break
        case .disabled: tls.certificateVerification = .none
        case .caBundle(let path):
            do {
                if Paths.isDirectory(path) {
                    let files = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                    var certificates: [NIOSSLCertificate] = []
                    for file in files where file.hasSuffix(".pem") || file.hasSuffix(".crt") {
                        certificates += (try? NIOSSLCertificate.fromPEMBytes(pemFile(path + "/" + file))) ?? []
                    }
                    tls.trustRoots = .certificates(certificates)
                } else {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(pemFile(path)))
                }
            } catch {
                throw AnacondaError(label: "SSLError", message: "Cannot read the CA bundle \(path) (ssl_verify): \(error)")
            }
        }
        if let certificate = settings.clientCertificate {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(pemFile(certificate)).map { .certificate($0) }
                tls.privateKey = .privateKey(
                    try NIOSSLPrivateKey(bytes: pemFile(settings.clientCertificateKey ?? certificate), format: .pem))
            } catch {
                throw AnacondaError(
                    label: "SSLError",
                    message: "Cannot read the client certificate \(certificate) or its key (client_cert, client_cert_key): \(error)")
            }
        }
        return tls
    }

    /// A PEM file's bytes: a FIFO or a device (`/dev/zero`) is refused instead of read without end.
    private static func pemFile(_ path: String) throws -> [UInt8] {
        try RegularFile.read(path, limit: 4 << 20).get()
    }
}

/// The factory libAnacondaAuth.so asks for.
final class NIOHTTPTransportFactory: HTTPTransportFactory {
    func makeTransport(_ settings: HTTPTransportSettings) throws -> any HTTPTransport {
        try NIOHTTPTransport(settings)
    }
}

/// The library's entry point (``HTTPTransportLoader``): a retained factory object.
@_cdecl("anaconda_http_transport_factory")
public func anacondaHTTPTransportFactory() -> UnsafeMutableRawPointer {
    Unmanaged.passRetained(NIOHTTPTransportFactory() as AnyObject).toOpaque()
}
