import AnacondaPluginAPI
import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOSSL

/// The HTTP client every Anaconda client uses: the reference's `BaseClient`. Relative paths are joined to
/// `https://{domain}`; requests carry `User-Agent`, `X-Client-Hostname`, optional `Api-Version`, the site's
/// `extra_headers` (never overriding), and `Authorization: Bearer` with the configured or stored API key (none
/// when it is missing or expired). TLS follows `ssl_verify` and the client certificate; proxies follow
/// `proxy_servers` and `HTTPS_PROXY`/`NO_PROXY`; idempotent requests are retried on connection errors and
/// 429/502/503/504. With `--verbose` the logger gets a request trace with the `Authorization` value redacted.
public final class AnacondaClient: Sendable {
    public let site: AnacondaAuthSite
    public let identity: ClientIdentity
    /// The base URL relative paths are joined to (`https://{domain}` unless given).
    public let baseURL: String
    /// `scheme://host[:port]` of the base URL, for paths that start with `/`.
    private let origin: String
    public let retryPolicy: RetryPolicy
    let http: HTTPClient
    let tokenStore: TokenStore?
    let logger: Logger
    let now: @Sendable () -> Date
    let warn: @Sendable (String) -> Void
    let clientHostname: String
    private let cachedKey = CachedValue<String?>()

    /// Creates a client for `site`. `tokenStore` supplies the stored key (`nil`: only a configured `api_key`).
    public init(
        site: AnacondaAuthSite,
        identity: ClientIdentity = .anacondaAuth,
        baseURL: String? = nil,
        tokenStore: TokenStore?,
        environment: [String: String],
        logger: Logger = Logger(label: "anaconda.http"),
        timeouts: HTTPClient.Configuration.Timeout = .init(connect: .seconds(10), read: .seconds(60)),
        retryPolicy: RetryPolicy = RetryPolicy(),
        now: @escaping @Sendable () -> Date = Date.init,
        warn: @escaping @Sendable (String) -> Void = { StandardTerminal().write($0 + "\n", to: .standardError) },
        hostname: String = ProcessInfo.processInfo.hostName
    ) throws {
        self.site = site
        self.identity = identity
        self.baseURL = (baseURL ?? "https://\(site.domain)").trimmingTrailingSlash()
        self.origin = URL(string: self.baseURL).map { "\($0.scheme ?? "https")://\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" }
            ?? self.baseURL
        self.tokenStore = tokenStore
        self.logger = logger
        self.retryPolicy = retryPolicy
        self.now = now
        self.warn = warn
        self.clientHostname = ClientHostname.value(hostname: hostname, hashed: site.hashHostname)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try Self.tlsConfiguration(for: site),
            redirectConfiguration: .follow(max: 10, allowCycles: false),
            timeout: timeouts,
            decompression: .enabled(limit: .ratio(100)))
        let host = URL(string: self.baseURL)?.host ?? site.domain
        if let proxy = ProxySelection.choose(
            forHost: host, scheme: "https", configured: site.proxyServers, environment: environment)
        {
            let authorization = proxy.username.map {
                HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "")
            }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
            logger.debug("HTTP proxy \(proxy.host):\(proxy.port) for \(host)")
        }
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Stops the connection pool. Call once before the process exits.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    // MARK: - Requests

    public func get(_ path: String, authenticated: Bool = true) async throws -> AnacondaResponse {
        try await send("GET", path, authenticated: authenticated)
    }

    /// POSTs a JSON body.
    public func post(_ path: String, json: JSONValue, headers: [(String, String)] = [], authenticated: Bool = true)
        async throws -> AnacondaResponse
    {
        try await send(
            "POST", path, headers: [("Content-Type", "application/json")] + headers,
            body: Array(JSONWriter.python.string(json).utf8), authenticated: authenticated)
    }

    /// POSTs `application/x-www-form-urlencoded` fields (OAuth endpoints).
    public func post(_ path: String, form: [(String, String)], headers: [(String, String)] = [], authenticated: Bool = false)
        async throws -> AnacondaResponse
    {
        let body = form.map { "\(FormEncoding.escape($0.0))=\(FormEncoding.escape($0.1))" }.joined(separator: "&")
        return try await send(
            "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: Array(body.utf8), authenticated: authenticated)
    }

    /// Sends a request. `authenticated: false` sends no `Authorization` (OIDC calls).
    public func send(
        _ method: String,
        _ path: String,
        headers extraRequestHeaders: [(String, String)] = [],
        body: [UInt8]? = nil,
        authenticated: Bool = true
    ) async throws -> AnacondaResponse {
        let url = join(path)
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: identity.userAgent)
        headers.add(name: "X-Client-Hostname", value: clientHostname)
        if let apiVersion = identity.apiVersion { headers.add(name: "Api-Version", value: apiVersion) }
        for (name, value) in extraRequestHeaders { headers.replaceOrAdd(name: name, value: value) }
        for (name, value) in (site.extraHeaders ?? [:]).sorted(by: { $0.key < $1.key }) where !headers.contains(name: name) {
            headers.add(name: name, value: value)
        }
        var authorizationSent = false
        if authenticated, let key = try apiKey() {
            headers.replaceOrAdd(name: "Authorization", value: "Bearer \(key)")
            authorizationSent = true
        }
        let request = try HTTPClient.Request(
            url: url, method: HTTPMethod(rawValue: method), headers: headers, body: body.map { .bytes($0) })

        var attempt = 0
        while true {
            attempt += 1
            let started = ContinuousClock.now
            logger.debug("HTTP \(method) \(url) \(Self.redacted(headers))")
            do {
                let response = try await exchange(request)
                let result = AnacondaResponse(
                    statusCode: Int(response.status.code), reason: response.status.reasonPhrase,
                    headers: response.headers.map { ($0.name, $0.value) },
                    body: response.body.map { Array(buffer: $0) } ?? [], url: url,
                    authorizationSent: authorizationSent, site: site.site)
                let elapsed = (ContinuousClock.now - started).components
                let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
                logger.debug(
                    "HTTP \(result.statusCode) \(result.reason) for \(method) \(url) (\(result.body.count) bytes, \(milliseconds) ms)")
                checkMinimumAPIVersion(result)
                if RetryPolicy.retryableStatuses.contains(result.statusCode), canRetry(method, attempt) {
                    let wait = retryPolicy.delay(attempt: attempt, retryAfter: result.header("Retry-After"), now: now())
                    logger.debug("Retrying \(method) \(url) in \(wait) after HTTP \(result.statusCode)")
                    try await Task.sleep(for: wait)
                    continue
                }
                return result
            } catch let error as CancellationError {
                throw error
            } catch {
                let failure = Self.describe(error, url: url, site: site)
                guard failure.isConnectionError, canRetry(method, attempt) else { throw failure.error }
                let wait = retryPolicy.delay(attempt: attempt, retryAfter: nil, now: now())
                logger.debug("Retrying \(method) \(url) in \(wait) after \(failure.error.message)")
                try await Task.sleep(for: wait)
            }
        }
    }

    /// One request and its whole response, gathered on the connection's event loop: the calling task resumes once
    /// per request (the streaming API resumes it for the head and again for the body, a thread hop each time).
    private func exchange(_ request: HTTPClient.Request) async throws -> HTTPClient.Response {
        let task = http.execute(
            request: request, delegate: ResponseAccumulator(request: request, maxBodySize: 64 * 1024 * 1024),
            deadline: .now() + .seconds(300))
        return try await withTaskCancellationHandler {
            try await task.futureResult.get()
        } onCancel: {
            task.cancel()
        }
    }

    private func canRetry(_ method: String, _ attempt: Int) -> Bool {
        RetryPolicy.idempotentMethods.contains(method) && attempt <= retryPolicy.maximumRetries
    }

    /// `path` joined to the base URL like Python's `urljoin`; absolute URLs pass through.
    func join(_ path: String) -> String {
        if path.hasPrefix("https://") || path.hasPrefix("http://") { return path }
        if path.hasPrefix("/") {
            return origin + path
        }
        return baseURL + "/" + path
    }

    /// The configured key, else the stored one (loaded once), unless missing or expired.
    func apiKey() throws -> String? {
        if let key = site.apiKey { return key }
        guard let tokenStore else { return nil }
        let key = try cachedKey.value { try tokenStore.load()?.apiKey }
        guard let key else { return nil }
        guard let expiry = try? JWTClaims.expiration(of: key), expiry > now() else {
            logger.debug("The stored API key for \(site.domain) has expired; sending no Authorization header")
            return nil
        }
        return key
    }

    private func checkMinimumAPIVersion(_ response: AnacondaResponse) {
        guard let minimum = response.header("Min-Api-Version"), let current = identity.apiVersion,
            APIVersion.isLower(current, than: minimum)
        else { return }
        warn("DeprecationWarning: Client API version is \(current), minimum supported API version is \(minimum). "
            + "You may need to update your client.")
    }

    static func redacted(_ headers: HTTPHeaders) -> String {
        headers.map { name, value in
            name.lowercased() == "authorization" ? "\(name): \(value.split(separator: " ").first ?? "") ***" : "\(name): \(value)"
        }.joined(separator: ", ")
    }

    // MARK: - TLS

    static func tlsConfiguration(for site: AnacondaAuthSite) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch site.sslVerify {
        case .enabled, .truststore: break
        case .disabled: tls.certificateVerification = .none
        case .caBundle(let path):
            do {
                if Paths.isDirectory(path) {
                    let files = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                    var certificates: [NIOSSLCertificate] = []
                    for file in files where file.hasSuffix(".pem") || file.hasSuffix(".crt") {
                        certificates += (try? NIOSSLCertificate.fromPEMFile(path + "/" + file)) ?? []
                    }
                    tls.trustRoots = .certificates(certificates)
                } else {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
                }
            } catch {
                throw AnacondaError(label: "SSLError", message: "Cannot read the CA bundle \(path) (ssl_verify): \(error)")
            }
        }
        if let certificate = site.clientCert {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: site.clientCertKey ?? certificate, format: .pem))
            } catch {
                throw AnacondaError(
                    label: "SSLError",
                    message: "Cannot read the client certificate \(certificate) or its key (client_cert, client_cert_key): \(error)")
            }
        }
        return tls
    }

    /// A transport error in the reference's words (`ConnectionError`, `SSLError`, `Timeout`), naming the host.
    static func describe(_ error: any Error, url: String, site: AnacondaAuthSite) -> (error: AnacondaError, isConnectionError: Bool) {
        if let error = error as? AnacondaError { return (error, false) }
        let host = URL(string: url).map { "\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" } ?? url
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("handshakeFailed") || text.contains("certificate") {
            return (AnacondaError(
                label: "SSLError",
                message: "TLS certificate verification failed for \(host) (\(url)): \(text). Set ssl_verify to the CA "
                    + "bundle that signed the server's certificate, or to false to turn verification off",
                underlying: error), false)
        }
        if let error = error as? HTTPClientError, error == .readTimeout || error == .connectTimeout || error == .deadlineExceeded {
            return (AnacondaError(label: "Timeout", message: "No answer from \(host) in time (\(url)): \(error)", underlying: error), true)
        }
        return (AnacondaError(label: "ConnectionError", message: "Cannot connect to \(host) (\(url)): \(text)", underlying: error), true)
    }
}

/// Comparing `Api-Version` values as the reference does: dot-separated numbers, leading zeros ignored.
enum APIVersion {
    static func isLower(_ lhs: String, than rhs: String) -> Bool {
        func parts(_ text: String) -> [Int] { text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) } }
        let left = parts(lhs)
        let right = parts(rhs)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            if a != b { return a < b }
        }
        return false
    }
}

/// A value computed at most once, thread-safely.
final class CachedValue<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func value(_ compute: () throws -> Value) rethrows -> Value {
        if let cached = storage.withLock({ $0.first }) { return cached }
        let computed = try compute()
        storage.withLock { $0 = [computed] }
        return computed
    }
}

extension String {
    func trimmingTrailingSlash() -> String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

import Synchronization
