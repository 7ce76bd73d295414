import FoundationEssentials

/// The session in cookies: sealed JSON under `anaconda_session`, split into `anaconda_session.1`, `.2`, ... when
/// it would exceed what browsers keep in one cookie (4096 bytes with the name and attributes). On HTTPS the names
/// carry the `__Host-` prefix, so no other host (a sibling subdomain) can set them.
struct SessionCookies: Sendable {
    /// The first cookie's name; the chunks' names follow it.
    let name: String
    private let chunkNames: [String]
    /// The most value bytes in one cookie.
    static let chunkSize = 3800
    /// The most cookies one session may use (browsers keep at least 50 per domain; request headers stay small).
    static let maximumChunks = 5

    let sealer: CookieSealer
    let secure: Bool

    init(sealer: CookieSealer, secure: Bool) {
        self.sealer = sealer
        self.secure = secure
        let name = (secure ? "__Host-" : "") + "anaconda_session"
        self.name = name
        chunkNames = (0...Self.maximumChunks).map { $0 == 0 ? name : "\(name).\($0)" }
    }

    /// The `Set-Cookie` headers for `session`, deleting chunks the request had that are no longer used.
    func cookies(for session: WebSession, existing: RequestCookies, maxAge: Int) throws -> [SetCookie] {
        var sealed = try sealer.seal(Array(try JSONEncoder().encode(session)), name: name)
        if sealed.utf8.count > Self.chunkSize * Self.maximumChunks {
            // Compact: the session works without the display names and organizations.
            var compact = session
            compact.user.name = nil
            compact.user.username = nil
            compact.user.organizations = []
            sealed = try sealer.seal(Array(try JSONEncoder().encode(compact)), name: name)
        }
        let bytes = Array(sealed.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: Self.chunkSize).map {
            String(decoding: bytes[$0..<min($0 + Self.chunkSize, bytes.count)], as: UTF8.self)
        }
        guard chunks.count <= Self.maximumChunks else {
            throw WebSignInError(.providerUnavailable, "the provider's tokens are too large for a session cookie")
        }
        var headers = chunks.enumerated().map { index, chunk in
            SetCookie(name: chunkName(index), value: chunk, maxAge: maxAge, secure: secure)
        }
        for index in chunks.count..<(Self.maximumChunks + 1) where existing[chunkName(index)] != nil {
            headers.append(.deletion(chunkName(index), secure: secure))
        }
        return headers
    }

    /// The session the request's cookies carry, or `nil` when there is none or it does not open.
    func session(in cookies: RequestCookies) -> WebSession? {
        joined(cookies).flatMap { session(sealed: $0) }
    }

    /// The session sealed in `sealed` (the chunks joined), or `nil` when it does not open.
    func session(sealed: String, cache: OpenedSessions? = nil) -> WebSession? {
        let open = { () -> WebSession? in
            guard let plaintext = sealer.open(sealed, name: name) else { return nil }
            return try? JSONDecoder().decode(WebSession.self, from: Data(plaintext))
        }
        guard let cache else { return open() }
        return cache.session(for: sealed, open: open)
    }

    /// The sealed text the request carries (chunks joined), or `nil`.
    func joined(_ cookies: RequestCookies) -> String? {
        guard var text = cookies[name] else { return nil }
        // A sealed session that fits one cookie is shorter than a chunk: no further chunk to look for.
        guard text.utf8.count >= Self.chunkSize else { return text }
        for index in 1..<(Self.maximumChunks + 1) {
            guard let chunk = cookies[chunkName(index)] else { break }
            text += chunk
        }
        return text
    }

    /// Headers deleting every session cookie the request has.
    func deletions(existing: RequestCookies) -> [SetCookie] {
        (0..<(Self.maximumChunks + 1)).compactMap { index in
            existing[chunkName(index)] == nil ? nil : .deletion(chunkName(index), secure: secure)
        }
    }

    func chunkName(_ index: Int) -> String { chunkNames[index] }
}
