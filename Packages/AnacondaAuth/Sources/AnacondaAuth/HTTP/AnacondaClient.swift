import AnacondaCore
import FoundationEssentials
import Synchronization

/// The HTTP client every Anaconda client uses: the reference's `BaseClient`. Relative paths are joined to
/// `https://{domain}`; requests carry `User-Agent`, `X-Client-Hostname`, optional `Api-Version`, the site's
/// `extra_headers` (never overriding), and `Authorization: Bearer` with the configured or stored API key (none
/// when it is missing or expired). TLS follows `ssl_verify` and the client certificate; proxies follow
/// `proxy_servers` and `HTTPS_PROXY`/`NO_PROXY`; idempotent requests are retried on connection errors and
/// 429/502/503/504. With `--verbose` the logger gets a request trace with the `Authorization` value redacted.
/// The network stack (``HTTPTransport``) is loaded when the first client is created.
public final class AnacondaClient: Sendable {
    public let site: AnacondaAuthSite
    public let identity: ClientIdentity
    /// The base URL relative paths are joined to (`https://{domain}` unless given).
    public let baseURL: String
    /// `scheme://host[:port]` of the base URL, for paths that start with `/`.
    private let origin: String
    public let retryPolicy: RetryPolicy
    let transport: any HTTPTransport
    let tokenStore: TokenStore?
    /// The request trace goes here (debug level: shown with `--verbose`).
    public let logger: Logger
    let now: @Sendable () -> Date
    let warn: @Sendable (String) -> Void
    let clientHostname: String
    private let cachedKey = CachedValue<String?>()

    /// Creates a client for `site`. `tokenStore` supplies the stored key (`nil`: only a configured `api_key`).
    /// `transportFactory` replaces the network stack (libAnacondaHTTPTransport.so, opened on first use): tests pass
    /// a scripted one.
    public init(
        site: AnacondaAuthSite,
        identity: ClientIdentity = .anacondaAuth,
        baseURL: String? = nil,
        tokenStore: TokenStore?,
        environment: [String: String],
        logger: Logger = Logger(label: "anaconda.http"),
        timeouts: HTTPTimeouts = HTTPTimeouts(),
        retryPolicy: RetryPolicy = RetryPolicy(),
        now: @escaping @Sendable () -> Date = Date.init,
        warn: @escaping @Sendable (String) -> Void = { StandardTerminal().write($0 + "\n", to: .standardError) },
        hostname: String = ProcessInfo.processInfo.hostName,
        transportFactory: (any HTTPTransportFactory)? = nil
    ) throws {
        self.site = site
        self.identity = identity
        self.baseURL = (baseURL ?? "https://\(site.domain)").trimmingTrailingSlash()
        let parsedBase = URL(string: self.baseURL)
        self.origin =
            parsedBase.map { "\($0.scheme ?? "https")://\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" }
            ?? self.baseURL
        self.tokenStore = tokenStore
        self.logger = logger
        self.retryPolicy = retryPolicy
        self.now = now
        self.warn = warn
        self.clientHostname = ClientHostname.value(hostname: hostname, hashed: site.hashHostname)
        let host = parsedBase?.host ?? site.domain
        let proxy = try ProxySelection.choose(
            forHost: host, scheme: "https", configured: site.proxyServers, environment: environment)
        if let proxy { logger.debug("HTTP proxy \(proxy.host):\(proxy.port) for \(host)") }
        transport = try (transportFactory ?? HTTPTransportLoader.factory()).makeTransport(
            HTTPTransportSettings(
                sslVerify: site.sslVerify, clientCertificate: site.clientCert, clientCertificateKey: site.clientCertKey,
                proxy: proxy.map {
                    HTTPProxy(host: $0.host, port: $0.port, username: $0.username, password: $0.password)
                },
                timeouts: timeouts))
    }

    /// Stops the connection pool. Call once before the process exits.
    public func shutdown() async throws {
        try await transport.shutdown()
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
    public func post(
        _ path: String, form: [(String, String)], headers: [(String, String)] = [], authenticated: Bool = false
    )
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
        // What logs and errors show: a repository token in the path (`/t/<token>/`) is a secret.
        let shown = URLRedaction.redact(url)
        var headers = RequestHeaders()
        headers.add("User-Agent", identity.userAgent)
        headers.add("X-Client-Hostname", clientHostname)
        if let apiVersion = identity.apiVersion { headers.add("Api-Version", apiVersion) }
        for (name, value) in extraRequestHeaders { headers.replaceOrAdd(name, value) }
        for (name, value) in (site.extraHeaders ?? [:]).sorted(by: { $0.key < $1.key }) where !headers.contains(name) {
            headers.add(name, value)
        }
        var authorizationSent = false
        if authenticated, let key = try apiKey() {
            headers.replaceOrAdd("Authorization", "Bearer \(key)")
            authorizationSent = true
        }
        let request = HTTPTransportRequest(method: method, url: url, headers: headers.fields, body: body)

        var attempt = 0
        while true {
            attempt += 1
            let started = ContinuousClock.now
            logger.debug("HTTP \(method) \(shown) \(Self.redacted(headers.fields))")
            do {
                let response = try await exchangeFollowingRedirects(request)
                let result = AnacondaResponse(
                    statusCode: response.statusCode, reason: response.reason, headers: response.headers,
                    body: response.body, url: shown, authorizationSent: authorizationSent, site: site.site)
                let elapsed = (ContinuousClock.now - started).components
                let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
                logger.debug(
                    "HTTP \(result.statusCode) \(result.reason) for \(method) \(shown) (\(result.body.count) bytes, \(milliseconds) ms)"
                )
                checkMinimumAPIVersion(result)
                if RetryPolicy.retryableStatuses.contains(result.statusCode), canRetry(method, attempt) {
                    guard
                        let wait = retryPolicy.delay(
                            attempt: attempt, retryAfter: result.header("Retry-After"), now: now())
                    else {
                        logger.debug(
                            "Not retrying \(method) \(shown): Retry-After asks for more than \(retryPolicy.maximumWait)"
                        )
                        return result
                    }
                    logger.debug("Retrying \(method) \(shown) in \(wait) after HTTP \(result.statusCode)")
                    announce(wait, "HTTP \(result.statusCode) \(result.reason) from \(Self.hostAndPort(of: url))")
                    try await Task.sleep(for: wait)
                    continue
                }
                return result
            } catch let error as CancellationError {
                throw error
            } catch {
                let failure = Self.describe(error, url: shown, site: site)
                guard failure.isConnectionError, canRetry(method, attempt) else { throw failure.error }
                let wait = retryPolicy.connectionDelay(attempt: attempt)
                logger.debug("Retrying \(method) \(shown) in \(wait) after \(failure.error.message)")
                announce(wait, failure.error.message)
                try await Task.sleep(for: wait)
            }
        }
    }

    /// A wait of more than a second is never silent: the user sees that the client is retrying, and why.
    private func announce(_ wait: Duration, _ reason: String) {
        guard wait > .seconds(1) else { return }
        let seconds = wait.components.seconds + (wait.components.attoseconds > 0 ? 1 : 0)
        warn("Retrying in \(seconds) s: \(reason)")
    }

    private static func hostAndPort(of url: String) -> String {
        URL(string: url).map { "\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" } ?? url
    }

    /// One exchange, following up to ``Redirects/limit`` redirects (each `Location` checked first).
    private func exchangeFollowingRedirects(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        var current = request
        for _ in 0..<Redirects.limit {
            let response = try await transport.exchange(current)
            guard let next = try Redirects.next(after: response, to: current) else { return response }
            logger.debug(
                "HTTP \(response.statusCode) redirects \(current.method) \(URLRedaction.redact(current.url)) to \(URLRedaction.redact(next.url))"
            )
            current = next
        }
        throw AnacondaError(
            .tooManyRedirects, message: "Exceeded \(Redirects.limit) redirects from \(URLRedaction.redact(request.url))"
        )
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
        warn(
            "DeprecationWarning: Client API version is \(current), minimum supported API version is \(minimum). "
                + "You may need to update your client.")
    }

    static func redacted(_ headers: [(String, String)]) -> String {
        headers.map { name, value in
            name.lowercased() == "authorization"
                ? "\(name): \(value.split(separator: " ").first ?? "") ***" : "\(name): \(value)"
        }.joined(separator: ", ")
    }

    /// A transport error in the reference's words (`ConnectionError`, `SSLError`, `Timeout`), naming the host.
    /// A transport failure as one sentence for the user (the host, what failed); the transport's details are the
    /// underlying cause, shown with `--verbose`.
    static func describe(_ error: any Error, url: String, site: AnacondaAuthSite) -> (
        error: AnacondaError, isConnectionError: Bool
    ) {
        if let error = error as? AnacondaError { return (error, false) }
        let host = hostAndPort(of: url)
        let failure = error as? HTTPTransportFailure ?? HTTPTransportFailure(.connection, String(describing: error))
        let details = TransportDetails(text: "\(failure.description) (\(url))", underlying: failure.underlying)
        switch failure.kind {
        case .certificate:
            return (
                AnacondaError(
                    .sslError,
                    message: "Cannot verify \(host): \(failure.summary). Set ssl_verify to the CA bundle that signed "
                        + "its certificate, or to false to turn verification off",
                    underlying: details), false
            )
        case .timeout:
            return (
                AnacondaError(.timeout, message: "No answer from \(host) in time", underlying: details),
                failure.isRetryable
            )
        case .connection:
            return (
                AnacondaError(
                    .connectionError, message: "Cannot connect to \(host): \(failure.summary)", underlying: details),
                failure.isRetryable
            )
        }
    }
}

/// What the transport said about a failure, for the `--verbose` cause chain.
struct TransportDetails: Error, CustomStringConvertible {
    var text: String
    var underlying: (any Error)?
    var description: String { text }
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
