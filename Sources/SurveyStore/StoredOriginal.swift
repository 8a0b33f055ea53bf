import CZlib
import SurveyModel

/// A submission's bytes exactly as received, as the store keeps them: deflated with zlib when
/// that makes them smaller (questionnaire XML shrinks to a fifth or less), else as they are.
///
/// Compressing is CPU work the single writer should not do, so the ingest's workers call
/// `StoredOriginal(bytes)` and hand the result to the store.
///
///     let original = StoredOriginal(Array("<a/>".utf8))
///     original.bytes() == Array("<a/>".utf8)   // true
public struct StoredOriginal: Sendable, Hashable {
    public enum Encoding: String, Sendable, Hashable {
        /// The bytes as received.
        case identity
        /// A zlib stream (RFC 1950) of the bytes.
        case zlib
    }

    public let encoding: Encoding
    /// What is stored: the bytes, or their zlib stream.
    public let stored: [UInt8]
    /// The number of bytes received.
    public let size: Int

    /// Deflates `bytes` (level 6, zlib's default) and keeps the smaller of the two.
    public init(_ bytes: [UInt8]) {
        size = bytes.count
        if let deflated = Self.deflate(bytes), deflated.count < bytes.count {
            encoding = .zlib
            stored = deflated
        } else {
            encoding = .identity
            stored = bytes
        }
    }

    init(encoding: Encoding, stored: [UInt8], size: Int) {
        self.encoding = encoding
        self.stored = stored
        self.size = size
    }

    /// The bytes as received; nil when a zlib stream is damaged or does not give `size` bytes.
    public func bytes() -> [UInt8]? {
        switch encoding {
        case .identity:
            return stored
        case .zlib:
            var output = [UInt8](repeating: 0, count: size)
            var length = uLongf(size)
            let code = output.withUnsafeMutableBufferPointer { out in
                stored.withUnsafeBufferPointer { input in
                    uncompress(out.baseAddress, &length, input.baseAddress, uLong(input.count))
                }
            }
            guard code == Z_OK, Int(length) == size else { return nil }
            return output
        }
    }

    private static func deflate(_ bytes: [UInt8]) -> [UInt8]? {
        guard !bytes.isEmpty else { return nil }
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let code = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(input.count), Z_DEFAULT_COMPRESSION)
            }
        }
        guard code == Z_OK else { return nil }
        output.removeLast(output.count - Int(length))
        return output
    }
}
