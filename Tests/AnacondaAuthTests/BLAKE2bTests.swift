import Testing

@testable import AnacondaAuth

/// Expected digests come from RFC 7693 and Python's `hashlib.blake2b`; hostname values from anaconda-auth's
/// `get_hostname` / `hash_string`.
@Suite struct BLAKE2bTests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func rfc7693AppendixAVector() {
        #expect(
            hex(BLAKE2b.hash(bytes("abc"))) == """
                ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
                7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923
                """)
    }

    @Test func emptyInput() {
        #expect(
            hex(BLAKE2b.hash([])) == """
                786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419\
                d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce
                """)
    }

    @Test func keyedVector() {
        let key = (0..<64).map { UInt8($0) }
        #expect(
            hex(BLAKE2b.hash(bytes("abc"), key: key)) == """
                06bbc3dedf13a31139498655251b7588ccd3bb5aaa071b2d44d8e0a04095579e\
                d590fbfdcf941f4370ce5ce623624e7a76d33e7a8109dcda9b57d72f8f8efa51
                """)
    }

    @Test func saltAndPersonVector() {
        let digest = BLAKE2b.hash(
            bytes("The quick brown fox jumps over the lazy dog"), digestSize: 32, salt: bytes("0123456789abcdef"),
            person: bytes("anaconda-auth"))
        #expect(hex(digest) == "58a2b6a40acd2bba367a3482232304696f59c8e7754c9390f82edb0177d2a01c")
    }

    /// Two full blocks plus key, short salt and person, and a truncated digest.
    @Test func multiBlockWithEveryParameter() {
        let message = (0..<256).map { UInt8($0) }
        let digest = BLAKE2b.hash(
            message, digestSize: 20, key: bytes("secret"), salt: bytes("salt"), person: bytes("me"))
        #expect(hex(digest) == "378aaad5f5f50fa631bd21cba547951bcb55a614")
    }

    @Test func hashedHostnameMatchesTheReference() {
        #expect(ClientHostname.value(hostname: "test-hostname", hashed: true) == "gQ3w7KzEFT543NdWZR-TVg")
    }

    @Test func trailingLocalIsStrippedBeforeHashing() {
        #expect(ClientHostname.value(hostname: "my.local", hashed: true) == "hWuo-B9bvz0Kd3MqNeLHHg")
        #expect(ClientHostname.value(hostname: "my", hashed: true) == "hWuo-B9bvz0Kd3MqNeLHHg")
    }

    @Test func unhashedHostnameIsSentRawWithoutTrailingLocal() {
        #expect(ClientHostname.value(hostname: "my.local", hashed: false) == "my")
        #expect(ClientHostname.value(hostname: "test-hostname", hashed: false) == "test-hostname")
        // Only one exact, case-sensitive `.local` suffix goes, as with Python's `str.endswith`.
        #expect(ClientHostname.value(hostname: "a.local.local", hashed: false) == "a.local")
        #expect(ClientHostname.value(hostname: "my.LOCAL", hashed: false) == "my.LOCAL")
        #expect(ClientHostname.value(hostname: "box.localdomain", hashed: false) == "box.localdomain")
        #expect(ClientHostname.value(hostname: ".local", hashed: false) == "")
    }

    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64URLWithoutPadding(input: String, expected: String) {
        #expect(Base64URL.encode(bytes(input)) == expected)
    }

    @Test func base64URLUsesTheURLSafeAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.encode([0xfb, 0xef, 0xbe]) == "----")
    }
}
