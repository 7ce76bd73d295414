/// BLAKE2b (RFC 7693) with the digest size, key, salt and personalisation parameters of Python's hashlib.blake2b.
///
/// The parameter block is laid out as hashlib (and the BLAKE2 specification) does it: byte 0 the digest length,
/// byte 1 the key length, bytes 2 and 3 fan-out and depth (both 1, sequential mode), bytes 32...47 the salt and
/// bytes 48...63 the personalisation, each zero-padded to 16 bytes. The block is XORed into the initial chaining value.
struct BLAKE2b {
    /// The largest digest, key, salt and personalisation sizes, in bytes.
    static let maxDigestSize = 64
    static let maxKeySize = 64
    static let saltSize = 16
    static let personSize = 16

    /// The message block size, in bytes.
    private static let blockSize = 128

    /// The SHA-512 initialisation vector (RFC 7693, section 2.6).
    private static let iv: [UInt64] = [
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
    ]

    /// The message word schedule for each of the 12 rounds (RFC 7693, section 2.7); rounds 10 and 11 repeat 0 and 1.
    private static let sigma: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    ]

    /// The BLAKE2b digest of `message`.
    ///
    /// - Parameters:
    ///   - message: the bytes to hash.
    ///   - digestSize: the digest length in bytes, 1...64.
    ///   - key: an optional key of at most 64 bytes (keyed hashing, a MAC).
    ///   - salt: at most 16 bytes, zero-padded.
    ///   - person: the personalisation, at most 16 bytes, zero-padded.
    /// - Returns: `digestSize` bytes.
    /// - Precondition: the sizes are within the limits above, as hashlib requires (it raises `ValueError` otherwise).
    static func hash(
        _ message: [UInt8], digestSize: Int = 64, key: [UInt8] = [], salt: [UInt8] = [], person: [UInt8] = []
    ) -> [UInt8] {
        precondition((1...maxDigestSize).contains(digestSize), "BLAKE2b digest size must be 1...64")
        precondition(key.count <= maxKeySize, "BLAKE2b key must be at most 64 bytes")
        precondition(salt.count <= saltSize, "BLAKE2b salt must be at most 16 bytes")
        precondition(person.count <= personSize, "BLAKE2b personalisation must be at most 16 bytes")

        var parameters = [UInt8](repeating: 0, count: 64)
        parameters[0] = UInt8(digestSize)
        parameters[1] = UInt8(key.count)
        parameters[2] = 1  // fan-out
        parameters[3] = 1  // depth
        parameters.replaceSubrange(32..<(32 + salt.count), with: salt)
        parameters.replaceSubrange(48..<(48 + person.count), with: person)

        var state = iv
        for index in 0..<8 {
            state[index] ^= littleEndianWord(parameters, at: index * 8)
        }

        // A key is hashed as a first block of its own, zero-padded to the block size.
        var input: [UInt8] = []
        if !key.isEmpty {
            input = key + [UInt8](repeating: 0, count: blockSize - key.count)
        }
        input += message

        // Every block but the last is compressed as it comes; the last (possibly empty, when there is no input at
        // all) is zero-padded and compressed with the final flag.
        var counter: UInt64 = 0
        var offset = 0
        while input.count - offset > blockSize {
            counter &+= UInt64(blockSize)
            compress(&state, input, at: offset, counter: counter, isLast: false)
            offset += blockSize
        }
        let remaining = input.count - offset
        var last = [UInt8](repeating: 0, count: blockSize)
        last.replaceSubrange(0..<remaining, with: input[offset...])
        counter &+= UInt64(remaining)
        compress(&state, last, at: 0, counter: counter, isLast: true)

        var digest: [UInt8] = []
        digest.reserveCapacity(maxDigestSize)
        for word in state {
            for shift in stride(from: 0, to: 64, by: 8) {
                digest.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return Array(digest.prefix(digestSize))
    }

    /// The little-endian 64-bit word at `offset` in `bytes`.
    private static func littleEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var word: UInt64 = 0
        for index in (0..<8).reversed() {
            word = word << 8 | UInt64(bytes[offset + index])
        }
        return word
    }

    /// The compression function F (RFC 7693, section 3.2) on the 128-byte block at `offset` in `block`. The byte
    /// counter never exceeds 64 bits here, so its high word is always zero.
    private static func compress(
        _ state: inout [UInt64], _ block: [UInt8], at offset: Int, counter: UInt64, isLast: Bool
    ) {
        var message = [UInt64](repeating: 0, count: 16)
        for index in 0..<16 {
            message[index] = littleEndianWord(block, at: offset + index * 8)
        }

        var work = state + iv
        work[12] ^= counter
        if isLast {
            work[14] = ~work[14]
        }

        for round in 0..<12 {
            let schedule = sigma[round]
            mix(&work, 0, 4, 8, 12, message[schedule[0]], message[schedule[1]])
            mix(&work, 1, 5, 9, 13, message[schedule[2]], message[schedule[3]])
            mix(&work, 2, 6, 10, 14, message[schedule[4]], message[schedule[5]])
            mix(&work, 3, 7, 11, 15, message[schedule[6]], message[schedule[7]])
            mix(&work, 0, 5, 10, 15, message[schedule[8]], message[schedule[9]])
            mix(&work, 1, 6, 11, 12, message[schedule[10]], message[schedule[11]])
            mix(&work, 2, 7, 8, 13, message[schedule[12]], message[schedule[13]])
            mix(&work, 3, 4, 9, 14, message[schedule[14]], message[schedule[15]])
        }

        for index in 0..<8 {
            state[index] ^= work[index] ^ work[index + 8]
        }
    }

    /// The mixing function G (RFC 7693, section 3.1), with rotation constants 32, 24, 16 and 63.
    @inline(__always)
    private static func mix(_ v: inout [UInt64], _ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64) {
        v[a] = v[a] &+ v[b] &+ x
        v[d] = rotateRight(v[d] ^ v[a], 32)
        v[c] = v[c] &+ v[d]
        v[b] = rotateRight(v[b] ^ v[c], 24)
        v[a] = v[a] &+ v[b] &+ y
        v[d] = rotateRight(v[d] ^ v[a], 16)
        v[c] = v[c] &+ v[d]
        v[b] = rotateRight(v[b] ^ v[c], 63)
    }

    @inline(__always)
    private static func rotateRight(_ value: UInt64, _ count: UInt64) -> UInt64 {
        value >> count | value << (64 - count)
    }
}
