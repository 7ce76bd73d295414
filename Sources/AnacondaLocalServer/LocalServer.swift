import AnacondaPluginAPI
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import NIOSSL
import Synchronization

/// A faithful local stand-in for the Anaconda auth and API service: OIDC discovery, device authorization, the
/// token endpoint (device code and authorization code with PKCE), an authorize page, API-key minting,
/// `/api/account`, token revocation, and the reference's error bodies. HTTPS with a generated CA, or plain HTTP.
/// For registered web clients (`--web-client`) it is a confidential OpenID Connect provider (``LocalOIDCRoutes``).
public enum LocalServer {
    /// Runs until cancelled. `ready` gets the base URL (and the CA file for HTTPS) once the server listens.
    public static func run(
        _ options: LocalServerOptions,
        logger: Logger = Logger(label: "anaconda-local-server"),
        ready: @escaping @Sendable (_ baseURL: String, _ caPath: String?, _ client: (String, String)?) -> Void
    ) async throws {
        let state = LocalServerState(options: options)
        let certificates = options.plainHTTP ? nil : try LocalCertificates.generate(in: options.stateDirectory)
        let scheme = options.plainHTTP ? "http" : "https"
        let router = Router()
        let baseURL = BaseURL()
        let repository = LocalRepository(
            specs: options.organizations, existingTokens: options.existingTokens,
            rejectsEveryToken: options.rejectTokens)
        // The ID-token signing key of the OpenID Connect provider for web clients (RSA 2048, new at every start).
        let signer = try LocalIDTokenSigner()
        LocalServerRoutes(
            state: state, baseURL: baseURL, repository: repository, webClients: LocalWebClients(options.webClients),
            signer: signer
        ).register(on: router)
        let server: HTTPServerBuilder
        if let certificates {
            var tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: [
                    .certificate(
                        try NIOSSLCertificate(bytes: Array(certificates.serverCertificatePEM.utf8), format: .pem))
                ],
                privateKey: .privateKey(
                    try NIOSSLPrivateKey(bytes: Array(certificates.serverKeyPEM.utf8), format: .pem)))
            if options.requireClientCertificate {
                tls.certificateVerification = .noHostnameVerification
                tls.trustRoots = .certificates([
                    try NIOSSLCertificate(bytes: Array(certificates.caCertificatePEM.utf8), format: .pem)
                ])
            }
            server = try .tls(.http1(), tlsConfiguration: tls)
        } else {
            server = .http1()
        }
        let app = Application(
            router: router, server: server,
            configuration: .init(address: .hostname(options.host, port: options.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let url = "\(scheme)://\(options.host == "127.0.0.1" ? "localhost" : options.host):\(port)"
                baseURL.set(url)
                ready(url, certificates?.caPath, certificates.map { ($0.clientCertificatePath, $0.clientKeyPath) })
            },
            logger: logger)
        try await app.run()
    }
}

/// The server's own URL, known once it listens.
final class BaseURL: Sendable {
    private let storage = Mutex<String>("")
    func set(_ value: String) { storage.withLock { $0 = value } }
    var value: String { storage.withLock { $0 } }
}
