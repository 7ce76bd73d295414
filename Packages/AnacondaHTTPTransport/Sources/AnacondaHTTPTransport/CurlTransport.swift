import AnacondaAuth
import AnacondaCore
import CCurl
import Glibc
import Synchronization

/// ``HTTPTransport`` on libcurl and the system's OpenSSL: TLS verified against the system's CA store (or the CA
/// bundle `ssl_verify` names), the client certificate, the proxy the client chose (libcurl's own proxy variables
/// ignored), connect and read timeouts, compressed responses inflated, redirects returned to the caller.
final class CurlTransport: HTTPTransport {
    private let settings: HTTPTransportSettings
    /// `ssl_verify` as a CA bundle: the PEM certificates of the file, or of every `.pem`/`.crt` in the directory.
    private let caBundle: [UInt8]?
    private let loop: CurlMultiLoop
    /// Easy handles of finished requests, reused (reset) for the next ones: creating one per request costs more
    /// than the request's own work on a kept-alive connection.
    private let idleHandles = Mutex<[IdleHandle]>([])

    /// An easy handle no transfer uses (only the pool holds it).
    private struct IdleHandle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    init(_ settings: HTTPTransportSettings) throws {
        self.settings = settings
        caBundle = try Self.caBundle(settings.sslVerify)
        for (path, what) in [
            (settings.clientCertificate, "client_cert"), (settings.clientCertificateKey, "client_cert_key"),
        ] {
            guard let path else { continue }
            if case .failure(let failure) = RegularFile.read(path, limit: 4 << 20) {
                throw AnacondaError(
                    .sslError, message: "Cannot read the client certificate \(path) (\(what)): \(failure)")
            }
        }
        loop = try CurlMultiLoop()
    }

    deinit {
        loop.stop()
        for handle in idleHandles.withLock({ $0 }) { curl_easy_cleanup(handle.pointer) }
    }

    func exchange(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        let transfer = try prepare(request)
        defer { recycle(transfer.handle) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.continuation = continuation
                loop.start(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
    }

    private func recycle(_ handle: UnsafeMutableRawPointer) {
        let kept = idleHandles.withLock { handles in
            guard handles.count < 8 else { return false }
            handles.append(IdleHandle(pointer: handle))
            return true
        }
        if !kept { curl_easy_cleanup(handle) }
    }

    func shutdown() async throws {
        loop.stop()
    }

    private func prepare(_ request: HTTPTransportRequest) throws -> CurlTransfer {
        let reused = idleHandles.withLock { $0.popLast() }?.pointer
        if let reused { curl_easy_reset(reused) }
        guard let handle = reused ?? curl_easy_init() else {
            throw HTTPTransportFailure(.connection, "libcurl could not start")
        }
        let transfer = CurlTransfer(handle: handle, maximumBodySize: settings.maximumBodySize)
        func set(_ option: CURLoption, _ value: Int) { _ = anaconda_curl_set_long(handle, option, value) }
        func set(_ option: CURLoption, _ value: String?) {
            guard let value else { return _ = anaconda_curl_set_pointer(handle, option, nil) }
            _ = value.withCString { anaconda_curl_set_pointer(handle, option, $0) }  // libcurl copies strings
        }
        transfer.installCallbacks()
        set(CURLOPT_URL, request.url)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_FOLLOWLOCATION, 0)
        set(CURLOPT_ACCEPT_ENCODING, "")
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        // Timeouts: connecting, then at least one byte per `read` interval, and five minutes for everything.
        set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(settings.timeouts.connect))
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, max(1, Self.milliseconds(settings.timeouts.read) / 1000))
        set(CURLOPT_TIMEOUT_MS, 300_000)
        switch request.method {
        case "GET": set(CURLOPT_HTTPGET, 1)
        case "HEAD": set(CURLOPT_NOBODY, 1)
        case "POST": set(CURLOPT_POST, 1)
        default: set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            set(CURLOPT_POSTFIELDSIZE_LARGE, body.count)
            _ = body.withUnsafeBytes {
                anaconda_curl_set_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1))
            }
        }
        transfer.setHeaders(request.headers)
        configureTLS(set: set, setNumber: set, handle: handle)
        // Only the proxy the client chose: an empty CURLOPT_PROXY keeps libcurl from reading *_proxy itself.
        if let proxy = settings.proxy {
            set(CURLOPT_PROXY, "http://\(proxy.host):\(proxy.port)")
            set(CURLOPT_PROXYUSERNAME, proxy.username)
            set(CURLOPT_PROXYPASSWORD, proxy.password)
        } else {
            set(CURLOPT_PROXY, "")
        }
        return transfer
    }

    private func configureTLS(
        set: (CURLoption, String?) -> Void, setNumber: (CURLoption, Int) -> Void, handle: UnsafeMutableRawPointer
    ) {
        switch settings.sslVerify {
        case .enabled, .truststore:
            break  // the system's CA store
        case .disabled:
            setNumber(CURLOPT_SSL_VERIFYPEER, 0)
            setNumber(CURLOPT_SSL_VERIFYHOST, 0)
        case .caBundle:
            // Only these certificates: the system store is not consulted.
            set(CURLOPT_CAPATH, nil)
            set(CURLOPT_CAINFO, nil)
            let bundle = caBundle ?? []
            _ = bundle.withUnsafeBytes { anaconda_curl_set_blob(handle, CURLOPT_CAINFO_BLOB, $0.baseAddress, $0.count) }
        }
        if let certificate = settings.clientCertificate {
            set(CURLOPT_SSLCERT, certificate)
            set(CURLOPT_SSLCERTTYPE, "PEM")
            set(CURLOPT_SSLKEY, settings.clientCertificateKey ?? certificate)
        }
    }

    /// The certificates of a CA bundle file, or of the `.pem`/`.crt` files in a directory (hashed or not).
    private static func caBundle(_ verification: SSLVerification) throws -> [UInt8]? {
        guard case .caBundle(let path) = verification else { return nil }
        let files: [String]
        if Paths.isDirectory(path) {
            files = Paths.names(in: path).filter { $0.hasSuffix(".pem") || $0.hasSuffix(".crt") }.map {
                Paths.join(path, $0)
            }
        } else {
            files = [path]
        }
        var bundle: [UInt8] = []
        for file in files {
            switch RegularFile.read(file, limit: 4 << 20) {
            case .success(let bytes): bundle += bytes + [0x0A]
            case .failure(let failure) where files.count == 1:
                throw AnacondaError(
                    .sslError,
                    message: "Cannot read the CA bundle \(path) (ssl_verify): \(failure); set ssl_verify to true, "
                        + "false, truststore or the path of a CA bundle file or directory")
            case .failure: continue
            }
        }
        return bundle
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        return Int(clamping: parts.seconds) &* 1000 &+ Int(parts.attoseconds / 1_000_000_000_000_000)
    }
}

/// The factory libAnacondaAuth.so asks for.
final class CurlTransportFactory: HTTPTransportFactory {
    init() {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }

    func makeTransport(_ settings: HTTPTransportSettings) throws -> any HTTPTransport {
        try CurlTransport(settings)
    }
}

/// The library's entry point (``HTTPTransportLoader``): a retained factory object.
@_cdecl("anaconda_http_transport_factory")
public func anacondaHTTPTransportFactory() -> UnsafeMutableRawPointer {
    Unmanaged.passRetained(CurlTransportFactory() as AnyObject).toOpaque()
}
