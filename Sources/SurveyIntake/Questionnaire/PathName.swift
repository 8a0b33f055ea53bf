#if canImport(Glibc)
import Glibc
#endif

/// File names on Linux are bytes, not always UTF-8: unzip leaves a Latin-1 `rapport-æø.xml` as
/// the bytes `72 61 … E6 F8 2E 78 6D 6C`. The tool names files by strings, so such a name is
/// written with each byte that is not part of valid UTF-8 as `\xHH` (`rapport-\xE6\xF8.xml`) —
/// in messages, in the dataset's `source_file` — and turned back into the bytes whenever the
/// file is opened. A name that is valid UTF-8 is its own string.
public enum PathName {
    /// The bytes as a string: valid UTF-8 as it is, every other byte as `\xHH`.
    public static func string<Bytes: Collection<UInt8>>(fromBytes bytes: Bytes) -> String where Bytes.Index == Int {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let length = validSequenceLength(bytes, at: index)
            if length > 0 {
                output += bytes[index..<index + length]
                index += length
            } else {
                output += Array("\\x".utf8) + hexDigits(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes to hand the file system for `path`: its UTF-8, with every `\xHH` of a byte
    /// 80–FF turned back into that byte — unless the path as written names something (a file
    /// literally called `a\xE6.xml`).
    public static func fileSystemBytes(_ path: String) -> [UInt8] {
        let literal = Array(path.utf8)
        guard literal.contains(UInt8(ascii: "\\")) else { return literal }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(literal.count)
        var index = 0
        while index < literal.count {
            if literal[index] == UInt8(ascii: "\\"), index + 3 < literal.count, literal[index + 1] == UInt8(ascii: "x"),
               let high = hexValue(literal[index + 2]), let low = hexValue(literal[index + 3]), high >= 8 {
                decoded.append(high << 4 | low)
                index += 4
            } else {
                decoded.append(literal[index])
                index += 1
            }
        }
        guard decoded != literal else { return literal }
        var status = stat()
        let literalExists = path.withCString { lstat($0, &status) == 0 }
        return literalExists ? literal : decoded
    }

    /// Calls `body` with `path`'s file-system bytes as a C string.
    /// The absolute path with every symbolic link and `.`/`..` resolved (realpath(3)), in the
    /// same escaped form; nil when the file does not exist.
    public static func resolved(_ path: String) -> String? {
        withFileSystemPath(path) { name -> String? in
            guard let resolved = realpath(name, nil) else { return nil }
            defer { free(resolved) }
            return string(fromBytes: UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self),
                                                         count: strlen(resolved)))
        }
    }

    public static func withFileSystemPath<Result>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        var bytes = fileSystemBytes(path)
        bytes.append(0)
        return try bytes.withUnsafeBytes { try body($0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
    }

    /// How many bytes of valid UTF-8 start at `index` (1–4), or 0 when the byte there is not
    /// the start of a valid sequence.
    private static func validSequenceLength<Bytes: Collection<UInt8>>(_ bytes: Bytes, at index: Int) -> Int where Bytes.Index == Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return 0
        }
        guard index + length <= bytes.endIndex, secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }

    private static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
