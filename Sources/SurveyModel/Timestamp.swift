import Foundation

/// xs:dateTime values as instants, for ordering submissions, and the tool's own timestamps.
public enum Timestamp {
    /// `2021-11-15T14:30:00+01:00` → `2021-11-15T13:30:00Z` (UTC, seconds; fractions kept to
    /// milliseconds). A value without a zone is taken as UTC. Nil when it is not an xs:dateTime.
    public static func utc(_ text: String) -> String? {
        guard let seconds = epochMilliseconds(text) else { return nil }
        return format(milliseconds: seconds)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    static func epochMilliseconds(_ text: String) -> Int64? {
        let characters = Array(text.trimmingWhitespace().utf8)
        var index = 0
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= characters.count else { return nil }
            var value: Int64 = 0
            for _ in 0..<digits {
                let byte = characters[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
                index += 1
            }
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < characters.count, characters[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        var negativeYear = false
        if index < characters.count, characters[index] == UInt8(ascii: "-") { negativeYear = true; index += 1 }
        guard var year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("T"), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
              let second = number(2) else { return nil }
        if negativeYear { year = -year }
        var milliseconds: Int64 = 0
        if index < characters.count, characters[index] == UInt8(ascii: ".") {
            index += 1
            var scale: Int64 = 100
            while index < characters.count, characters[index] >= 48, characters[index] <= 57 {
                milliseconds += Int64(characters[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offsetMinutes: Int64 = 0
        if index < characters.count {
            if expect("Z") {
            } else if characters[index] == UInt8(ascii: "+") || characters[index] == UInt8(ascii: "-") {
                let sign: Int64 = characters[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let hours = number(2), expect(":"), let minutes = number(2) else { return nil }
                offsetMinutes = sign * (hours * 60 + minutes)
            } else {
                return nil
            }
        }
        guard index == characters.count, (1...12).contains(month), (1...31).contains(day), hour <= 24, minute < 60, second < 61 else {
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let total = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second
        return total * 1000 + milliseconds
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, or with `.mmm` when there are milliseconds.
    static func format(milliseconds: Int64) -> String {
        let seconds = Int64((Double(milliseconds) / 1000).rounded(.down))
        let fraction = milliseconds - seconds * 1000
        var days = seconds / 86400
        var remainder = seconds % 86400
        if remainder < 0 { remainder += 86400; days -= 1 }
        let (year, month, day) = civilFromDays(days)
        // Digits written by hand: `String(format:)` cost about 50,000 instructions a call, and the
        // front door asks for the time several times a submission. The same text as
        // "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld", then "Z" or ".%03lldZ".
        var text: [UInt8] = []
        text.reserveCapacity(24)
        appendDigits(year, width: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &text)
        text.append(UInt8(ascii: "T"))
        appendDigits(remainder / 3600, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(remainder % 3600 / 60, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(remainder % 60, width: 2, to: &text)
        if fraction != 0 {
            text.append(UInt8(ascii: "."))
            appendDigits(fraction, width: 3, to: &text)
        }
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// `value` in decimal, zero-padded to `width` characters, a minus sign counted in them (printf's `%0*lld`).
    private static func appendDigits(_ value: Int64, width: Int, to text: inout [UInt8]) {
        var count = 1
        var rest = value.magnitude
        while rest >= 10 { rest /= 10; count += 1 }
        if value < 0 { text.append(UInt8(ascii: "-")) }
        let sign = value < 0 ? 1 : 0
        if count + sign < width { text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - count - sign)) }
        // The digits written in place, last first: no array of them made per field.
        let start = text.count
        text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        rest = value.magnitude
        for position in stride(from: start + count - 1, through: start, by: -1) {
            text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// The time to stamp this run with: `SOURCE_DATE_EPOCH` when set (reproducible datasets),
    /// else now.
    public static func now() -> String {
        // getenv, not ProcessInfo's environment: that copies the whole environment into a
        // dictionary on every call, and the front door asks for the time several times a request.
        if let epoch = getenv("SOURCE_DATE_EPOCH").map({ String(cString: $0) }), let seconds = Int64(epoch) {
            return format(milliseconds: seconds * 1000)
        }
        return format(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    // Howard Hinnant's civil-calendar algorithms.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    private static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
