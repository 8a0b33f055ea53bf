import SurveyModel
import SurveyIntake
import SurveyStore

/// How CSV files are written.
public enum CSVDialect: String, Sendable, CaseIterable, Codable {
    /// RFC 4180: comma, CRLF line ends, UTF-8 without BOM, decimal point.
    case rfc4180
    /// What Danish Excel opens directly: semicolon, UTF-8 with BOM, decimal comma.
    case excelDanish = "excel-da"

    var delimiter: UInt8 { self == .excelDanish ? UInt8(ascii: ";") : UInt8(ascii: ",") }
    var decimalSeparator: String { self == .excelDanish ? "," : "." }
    var byteOrderMark: [UInt8] { self == .excelDanish ? [0xEF, 0xBB, 0xBF] : [] }
}

/// Writes one CSV file field by field into a buffer that goes to `output` every 256 KiB, so
/// that an export of any size needs the same little memory; without an output the whole table
/// stays in `bytes` (for small listings). Fields with the delimiter, a quote, CR or LF are
/// quoted, quotes doubled; records end with CRLF.
struct CSVWriter {
    let dialect: CSVDialect
    private let output: ReplacementFile?
    private var buffer: [UInt8] = []
    private var fieldsInRecord = 0
    private static let flushSize = 256 * 1024

    init(dialect: CSVDialect, header: [String], output: ReplacementFile) throws {
        self.dialect = dialect
        self.output = output
        buffer.reserveCapacity(Self.flushSize + 64 * 1024)
        buffer += dialect.byteOrderMark
        for name in header { text(name) }
        try endRecord()
    }

    /// A writer that keeps the whole table in memory, in `bytes`.
    init(dialect: CSVDialect, header: [String]) {
        self.dialect = dialect
        output = nil
        buffer += dialect.byteOrderMark
        write(header.map(CSVValue.text))
    }

    /// Everything written so far (all of it, for an in-memory writer).
    var bytes: [UInt8] { buffer }

    /// One whole record of an in-memory writer.
    mutating func write(_ fields: [CSVValue]) {
        for field in fields { value(field) }
        buffer.append(0x0D)
        buffer.append(0x0A)
        fieldsInRecord = 0
    }

    /// An empty field (SQL NULL).
    mutating func empty() {
        separate()
    }

    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text(bytes: $0) }
    }

    /// A text field from UTF-8 bytes.
    mutating func text(bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        let delimiter = dialect.delimiter
        var needsQuotes = false
        for byte in bytes where byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(0x22)
        for byte in bytes {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
    }

    /// An integer in decimal, as `String(value)` writes it.
    mutating func integer(_ value: Int64) {
        separate()
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(digits[index]) }
        }
    }

    /// A field given as a `CSVValue` (decimals: four places at most, the dialect's separator).
    mutating func value(_ value: CSVValue) {
        text(value.text(dialect))
    }

    /// Ends the record and hands the buffer to the file once it is big enough.
    mutating func endRecord() throws {
        buffer.append(0x0D)
        buffer.append(0x0A)
        fieldsInRecord = 0
        if output != nil, buffer.count >= Self.flushSize { try flush() }
    }

    /// Writes what is buffered (an in-memory writer keeps it).
    mutating func flush() throws {
        guard let output else { return }
        try buffer.withUnsafeBytes { try output.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func separate() {
        if fieldsInRecord > 0 { buffer.append(dialect.delimiter) }
        fieldsInRecord += 1
    }
}

/// A CSV field: text as is, numbers in the dialect's decimal notation, nil as empty.
enum CSVValue {
    case text(String)
    case optionalText(String?)
    case integer(Int)
    case decimal(Double)

    func text(_ dialect: CSVDialect) -> String {
        switch self {
        case .text(let value): return value
        case .optionalText(let value): return value ?? ""
        case .integer(let value): return String(value)
        case .decimal(let value):
            // Four decimals at most, no trailing zeros: 1, 0.875, 0.9412.
            var text = String((value * 10_000).rounded() / 10_000)
            if text.hasSuffix(".0") { text.removeLast(2) }
            return dialect.decimalSeparator == "." ? text : text.replacingOccurrences(of: ".", with: dialect.decimalSeparator)
        }
    }
}
