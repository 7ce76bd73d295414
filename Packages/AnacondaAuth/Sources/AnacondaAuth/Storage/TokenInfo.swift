import AnacondaCore
import FoundationEssentials

/// A stored login: the reference's `TokenInfo`, kept in a keyring under service `Anaconda Cloud` with the domain as
/// the user name, as base64 of compact JSON. Fields this version does not know survive a load and save.
public struct TokenInfo: Sendable, Equatable {
    /// The keyring service all entries live under.
    public static let keyringService = "Anaconda Cloud"

    public var domain: String
    public var apiKey: String?
    public var username: String?
    public var repoTokens: [RepoToken]
    public var version: Int?
    /// Members of the stored JSON this version does not know, kept in order.
    public var unknownFields: [JSONValue.Member]

    /// A conda repository token stored with the login.
    public struct RepoToken: Sendable, Equatable {
        public var token: String
        public var orgName: String?

        public init(token: String, orgName: String? = nil) {
            self.token = token
            self.orgName = orgName
        }
    }

    public init(
        domain: String, apiKey: String?, username: String? = nil, repoTokens: [RepoToken] = [], version: Int? = 2
    ) {
        self.domain = domain
        self.apiKey = apiKey
        self.username = username
        self.repoTokens = repoTokens
        self.version = version
        self.unknownFields = []
    }

    private static let knownKeys: Set<String> = ["domain", "api_key", "username", "repo_tokens", "version"]

    /// The keyring value: base64 (standard, padded) of compact JSON in the reference's field order, without nulls.
    public func encoded() -> String {
        var members: [JSONValue.Member] = [.init("domain", .string(domain))]
        if let apiKey { members.append(.init("api_key", .string(apiKey))) }
        if let username { members.append(.init("username", .string(username))) }
        members.append(
            .init(
                "repo_tokens",
                .array(
                    repoTokens.map { token in
                        var fields: [JSONValue.Member] = [.init("token", .string(token.token))]
                        if let orgName = token.orgName { fields.append(.init("org_name", .string(orgName))) }
                        return .object(fields)
                    })))
        if let version { members.append(.init("version", .integer(version))) }
        members += unknownFields
        let json = JSONWriter(indent: nil, separators: (",", ":"), sortKeys: false, asciiOnly: false).string(
            .object(members))
        return Data(json.utf8).base64EncodedString()
    }

    /// Decodes a keyring value; `domain` is used when the record has none.
    public static func decode(_ value: String, domain: String) throws(TokenDecodingError) -> TokenInfo {
        guard let data = Data(base64Encoded: value.trimmingWhitespace()) else {
            throw TokenDecodingError(reason: "the stored value is not valid base64")
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(Array(data))
        } catch {
            throw TokenDecodingError(reason: "the stored value is not valid JSON (\(error))")
        }
        guard case .object(let members) = json else {
            throw TokenDecodingError(reason: "the stored value is not a JSON object")
        }
        var info = TokenInfo(domain: json["domain"]?.stringValue ?? domain, apiKey: json["api_key"]?.stringValue)
        info.username = json["username"]?.stringValue
        info.version = json["version"]?.intValue
        if case .array(let tokens)? = json["repo_tokens"] {
            info.repoTokens = tokens.compactMap { token in
                token["token"]?.stringValue.map { RepoToken(token: $0, orgName: token["org_name"]?.stringValue) }
            }
        }
        info.unknownFields = members.filter { !knownKeys.contains($0.key) }
        return info
    }

    /// When the API key expires: its JWT `exp` claim, read without verifying the signature (as the reference).
    public func expiration() throws -> Date {
        guard let apiKey else {
            throw AnacondaError(.tokenNotFoundError, message: "Login is required to complete this action.")
        }
        return try JWTClaims.expiration(of: apiKey)
    }

    /// Whether the API key is missing or expired at `now`.
    public func isExpired(now: Date) throws -> Bool {
        guard apiKey != nil else { return true }
        return try expiration() <= now
    }
}

/// A keyring entry that cannot be read as a `TokenInfo`.
public struct TokenDecodingError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// Reading claims of a JWT without verifying it.
public enum JWTClaims {
    /// The `exp` claim of `token`. A value that is not a JWT, or has no numeric `exp`, is a `DecodeError`.
    public static func expiration(of token: String) throws -> Date {
        let claims = try payload(of: token)
        guard let seconds = claims["exp"]?.doubleValue, seconds.isFinite else {
            throw AnacondaError(.decodeError, message: "The API key has no expiry time (no 'exp' claim)")
        }
        return Date(timeIntervalSince1970: seconds)
    }

    /// The decoded payload (second segment) of `token`.
    public static func payload(of token: String) throws -> JSONValue {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else {
            throw AnacondaError(.decodeError, message: segments.count < 3 ? "Not enough segments" : "Too many segments")
        }
        guard let data = Base64URL.decode(segments[1]), let payload = try? JSONValue.parse(data),
            case .object = payload
        else {
            throw AnacondaError(.decodeError, message: "Invalid payload in the API key (not base64url JSON)")
        }
        return payload
    }
}
