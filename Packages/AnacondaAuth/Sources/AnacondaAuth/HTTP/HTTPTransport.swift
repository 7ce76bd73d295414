import AnacondaCore

/// The network side of ``AnacondaClient``: sends one request and returns the whole response. It lives in its own
/// shared library (libAnacondaHTTPTransport.so: libcurl with the system's OpenSSL), loaded by
/// ``HTTPTransportLoader`` when the first client is created, so commands that make no request (`auth api-key`,
/// `sites`) never load the network stack. Plugins use ``AnacondaClient``, not these types.
public protocol HTTPTransport: Sendable {
    func exchange(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse
    /// Closes the connection pool.
    func shutdown() async throws
}

/// Makes transports; the transport library's entry point returns one.
public protocol HTTPTransportFactory: AnyObject, Sendable {
    /// A transport with `settings`; a CA bundle or client certificate that cannot be read is an `SSLError`.
    func makeTransport(_ settings: HTTPTransportSettings) throws -> any HTTPTransport
}

public struct HTTPTransportRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?

    public init(method: String, url: String, headers: [(String, String)], body: [UInt8]?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPTransportResponse: Sendable {
    public var statusCode: Int
    public var reason: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(statusCode: Int, reason: String, headers: [(String, String)], body: [UInt8]) {
        self.statusCode = statusCode
        self.reason = reason
        self.headers = headers
        self.body = body
    }
}

/// Connect and read timeouts.
public struct HTTPTimeouts: Sendable, Equatable {
    public var connect: Duration
    public var read: Duration

    public init(connect: Duration = .seconds(10), read: Duration = .seconds(60)) {
        self.connect = connect
        self.read = read
    }
}

/// TLS, proxy and timeouts, from the site's settings.
public struct HTTPTransportSettings: Sendable {
    public var sslVerify: SSLVerification
    public var clientCertificate: String?
    public var clientCertificateKey: String?
    public var proxy: HTTPProxy?
    public var timeouts: HTTPTimeouts
    /// Responses larger than this are an error.
    public var maximumBodySize: Int

    public init(
        sslVerify: SSLVerification, clientCertificate: String?, clientCertificateKey: String?, proxy: HTTPProxy?,
        timeouts: HTTPTimeouts, maximumBodySize: Int = 64 * 1024 * 1024
    ) {
        self.sslVerify = sslVerify
        self.clientCertificate = clientCertificate
        self.clientCertificateKey = clientCertificateKey
        self.proxy = proxy
        self.timeouts = timeouts
        self.maximumBodySize = maximumBodySize
    }
}

public struct HTTPProxy: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
}

/// A request that got no HTTP response, as the transport classifies it.
public struct HTTPTransportFailure: Error, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The server's certificate was not accepted (or the TLS handshake failed).
        case certificate
        /// No connection or no answer within the timeouts.
        case timeout
        /// Refused, reset, unreachable, a proxy failure, an invalid URL.
        case connection
    }

    public var kind: Kind
    /// What failed, in words for the user: "the connection was refused", "its certificate is self-signed".
    public var summary: String
    /// The transport's own account (shown with `--verbose`).
    public var description: String
    public var underlying: (any Error)?
    /// Whether trying again may help; a host name the resolver does not know is final (the system resolver has
    /// already retried on its own, and each try can take its whole timeout).
    public var isRetryable: Bool

    public init(
        _ kind: Kind, _ description: String, summary: String? = nil, underlying: (any Error)? = nil,
        isRetryable: Bool = true
    ) {
        self.kind = kind
        self.summary = summary ?? description
        self.description = description
        self.underlying = underlying
        self.isRetryable = isRetryable
    }
}
