import CSHA256
import SurveyModel
import SurveyXML

/// SHA-256 (FIPS 180-4), for file identity: the `sha256` column and duplicate detection.
///
/// Written here rather than pulled in with swift-crypto, whose build would double CI's
/// compile time for one hash function. Checked against the NIST test vectors in the tests.
///
///     SHA256.hex(of: Array("abc".utf8))
///     // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
public enum SHA256 {
    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        let digest = self.digest(of: bytes)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public static func hex(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex(of: $0) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether this processor has the SHA instructions (SHA-NI): then the blocks are compressed
    /// by them (CSHA256), some twenty times faster than the portable loop below.
    public static let hardwareAvailable = csha256_hardware_available() == 1

    /// The 32-byte digest of `bytes`; `hardware` false forces the portable loop (for tests).
    public static func digest(of bytes: UnsafeRawBufferPointer, hardware: Bool = hardwareAvailable) -> [UInt8] {
        var state: [UInt32] = [
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
        ]
        let length = bytes.count
        let fullBlocks = length / 64
        // The tail: remaining bytes, 0x80, zeros, and the bit length (big-endian), 1 or 2 blocks.
        var tail = [UInt8](repeating: 0, count: length % 64 < 56 ? 64 : 128)
        let rest = length - fullBlocks * 64
        if rest > 0 {
            tail.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: bytes.baseAddress! + fullBlocks * 64, byteCount: rest) }
        }
        tail[rest] = 0x80
        let bitLength = UInt64(length) &* 8
        for index in 0..<8 {
            tail[tail.count - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> UInt64(index * 8))
        }
        if hardware {
            state.withUnsafeMutableBufferPointer { state in
                if fullBlocks > 0 {
                    csha256_hardware_blocks(state.baseAddress!, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), fullBlocks)
                }
                tail.withUnsafeBytes { buffer in
                    csha256_hardware_blocks(state.baseAddress!, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), buffer.count / 64)
                }
            }
            return bigEndianBytes(of: state)
        }
        // Raw pointers for the state, the message schedule and the round constants (the C
        // table): the compression loop then runs without array bounds and uniqueness checks.
        let constants = csha256_round_constants()!
        var schedule = [UInt32](repeating: 0, count: 64)
        state.withUnsafeMutableBufferPointer { state in
            schedule.withUnsafeMutableBufferPointer { schedule in
                for block in 0..<fullBlocks {
                    compress(bytes.baseAddress! + block * 64, state.baseAddress!, schedule.baseAddress!, constants)
                }
                tail.withUnsafeBytes { buffer in
                    for start in stride(from: 0, to: buffer.count, by: 64) {
                        compress(buffer.baseAddress! + start, state.baseAddress!, schedule.baseAddress!, constants)
                    }
                }
            }
        }
        return bigEndianBytes(of: state)
    }

    private static func bigEndianBytes(of state: [UInt32]) -> [UInt8] {
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in state {
            digest += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return digest
    }

    /// One 64-byte block into `state` (8 words); `w` is the 64-word schedule, `k` the constants.
    @inline(__always)
    private static func compress(
        _ block: UnsafeRawPointer, _ state: UnsafeMutablePointer<UInt32>, _ w: UnsafeMutablePointer<UInt32>,
        _ k: UnsafePointer<UInt32>
    ) {
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
        }
        for t in 16..<64 {
            let s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var a = state[0], b = state[1], c = state[2], d = state[3]
        var e = state[4], f = state[5], g = state[6], h = state[7]
        for t in 0..<64 {
            let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
            let choice = (e & f) ^ (~e & g)
            let temp1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
            let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let temp2 = s0 &+ majority
            h = g; g = f; f = e; e = d &+ temp1
            d = c; c = b; b = a; a = temp1 &+ temp2
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }

    @inline(__always)
    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value &>> count) | (value &<< (32 &- count))  // masking shifts: one rotate instruction
    }
}
