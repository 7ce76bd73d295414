import Foundation

/// A confidential OpenID Connect client of the local server (a web app): `--web-client ID:SECRET:REDIRECT_URL[,...]`.
public struct LocalWebClient: Sendable, Equatable {
    public var id: String
    public var secret: String
    /// The redirect URIs an authorization request may name, compared exactly.
    public var redirectURIs: [String]

    public init(id: String, secret: String, redirectURIs: [String]) {
        self.id = id
        self.secret = secret
        self.redirectURIs = redirectURIs
    }

    /// Parses `ID:SECRET:REDIRECT_URL[,REDIRECT_URL...]`, split at the first two colons only (the URLs keep theirs).
    /// Nil unless the ID and the secret are non-empty and every redirect URL is an absolute http(s) URL with a host
    /// and no fragment.
    public init?(spec: String) {
        let parts = spec.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        let redirects = parts[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard redirects.allSatisfy(Self.isRedirectURL) else { return nil }
        self.init(id: parts[0], secret: parts[1], redirectURIs: redirects)
    }

    /// Whether `candidate` is this client's secret (compared in constant time).
    func accepts(secret candidate: String) -> Bool {
        let expected = Array(secret.utf8)
        let given = Array(candidate.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func isRedirectURL(_ text: String) -> Bool {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host
        else { return false }
        return ["http", "https"].contains(scheme) && !host.isEmpty && url.fragment == nil
    }
}

/// The registered web clients, by client ID.
struct LocalWebClients: Sendable {
    private let byID: [String: LocalWebClient]

    init(_ clients: [LocalWebClient]) {
        byID = Dictionary(clients.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The web client with this ID; nil for public (CLI) clients and unknown IDs.
    func client(_ id: String) -> LocalWebClient? { byID[id] }
}
