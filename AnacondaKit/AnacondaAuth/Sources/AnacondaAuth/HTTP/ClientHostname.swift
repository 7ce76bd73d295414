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
        return base64URLEncodedWithoutPadding(digest)
    }

    /// `hostname` without a trailing `.local`, compared byte for byte as Python's `str.endswith` does.
    static func strippingLocalSuffix(_ hostname: String) -> String {
        let bytes = Array(hostname.utf8)
        let suffix = Array(".local".utf8)
        guard bytes.count >= suffix.count, bytes.suffix(suffix.count).elementsEqual(suffix) else { return hostname }
        return String(decoding: bytes.dropLast(suffix.count), as: UTF8.self)
    }

    /// The base64url alphabet (RFC 4648, section 5).
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// `bytes` as base64url without `=` padding.
    static func base64URLEncodedWithoutPadding(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group: UInt32 = 0
            for offset in 0..<3 {
                let byte = offset < count ? UInt32(bytes[index + offset]) : 0
                group = group << 8 | byte
            }
            // n input bytes give n + 1 output characters; padding would fill the rest of the 4.
            for position in 0...count {
                let sextet = Int(group >> UInt32(18 - 6 * position) & 0x3f)
                output.append(alphabet[sextet])
            }
            index += count
        }
        return String(decoding: output, as: UTF8.self)
    }
}
