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

/// Writes one CSV file row by row into a buffer flushed to disk in large pieces.
struct CSVWriter {
    let dialect: CSVDialect
    private(set) var bytes: [UInt8] = []

    init(dialect: CSVDialect, header: [String]) {
        self.dialect = dialect
        bytes = dialect.byteOrderMark
        write(header.map(CSVValue.text))
    }

    /// One record. Fields with the delimiter, a quote, CR or LF are quoted, quotes doubled.
    mutating func write(_ fields: [CSVValue]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(dialect.delimiter) }
            append(field.text(dialect))
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    private mutating func append(_ text: String) {
        let utf8 = text.utf8
        let delimiter = dialect.delimiter
        let needsQuotes = utf8.contains { (byte: UInt8) -> Bool in
            byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D
        }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(0x22)
        for byte in utf8 {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
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
