/// The `X-Client-Hostname` header value, as the Python reference computes it: the host name without a trailing
/// `.local`, hashed as base64url (no padding) of BLAKE2b with digest size 16 and person "hostname" — or the raw name
/// when hashing is off.
enum ClientHostname {
    /// The header value for `hostname` (as `gethostname` returns it).
    ///
    /// The reference strips one trailing `.local` (case-sensitively) whether or not it hashes, then hashes the UTF-8
    /// bytes with an empty salt: `test-hostname` gives `gQ3w7KzEFT543NdWZR-TVg`.
    static func value(hostname: String, hashed: Bool) -> String {
        let name = strippingLocalSuffix(hostname)
        guard hashed else { return name }
        let digest = BLAKE2b.hash(Array(name.utf8), digestSize: 16, person: Array("hostname".utf8))
        return Base64URL.encode(digest)
    }

    /// `hostname` without a trailing `.local`, compared byte for byte as Python's `str.endswith` does.
    static func strippingLocalSuffix(_ hostname: String) -> String {
        let bytes = Array(hostname.utf8)
        let suffix = Array(".local".utf8)
        guard bytes.count >= suffix.count, bytes.suffix(suffix.count).elementsEqual(suffix) else { return hostname }
        return String(decoding: bytes.dropLast(suffix.count), as: UTF8.self)
    }
}
