import Foundation
import SurveyModel

/// Reads a round's roster: a CSV file (UTF-8, header row, comma or semicolon as Danish Excel
/// writes it, fields quoted as RFC 4180 says) with the columns `project_id, title, authority,
/// authority_type, lead_name, lead_email` in any order (others are ignored).
///
/// Every bad row is reported with its line, and nothing is taken from a file with any: the
/// roster is all or nothing.
///
///     let roster = try RosterFile.parse(Array(csv.utf8), path: "roster.csv")
public enum RosterFile {
    public static let columns = ["project_id", "title", "authority", "authority_type", "lead_name", "lead_email"]

    /// The roster could not be read: every problem found, each with its line.
    public struct Failure: Error, LocalizedError, Sendable {
        public var findings: [Finding]

        public var errorDescription: String? { findings.map(\.formatted).joined(separator: "\n") }
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(Failure) -> [RosterEntry] {
        var data = bytes[...]
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw Failure(findings: [problem(path, 1, "the file is not UTF-8; save it as UTF-8 (CSV UTF-8 in Excel)",
                                             "filen er ikke UTF-8; gem den som UTF-8 (CSV UTF-8 i Excel)")])
        }
        let records = CSVRecords.split(text)
        guard let header = records.first else {
            throw Failure(findings: [problem(path, 1, "the roster is empty; it needs a header row: \(columns.joined(separator: ","))",
                                             "listen er tom; den skal have en overskriftsrække: \(columns.joined(separator: ","))")])
        }
        let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
        let missing = columns.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw Failure(findings: [problem(path, header.line, "the header lacks \(missing.joined(separator: ", ")); "
                + "expected the columns \(columns.joined(separator: ", "))",
                "overskriften mangler \(missing.joined(separator: ", ")); kolonnerne skal være \(columns.joined(separator: ", "))")])
        }
        let index = Dictionary(names.enumerated().map { ($1, $0) }) { first, _ in first }
        var findings: [Finding] = []
        var entries: [RosterEntry] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() where !(record.fields.count == 1 && record.fields[0].trimmingWhitespace().isEmpty) {
            guard record.fields.count == names.count else {
                findings.append(problem(path, record.line, "the row has \(record.fields.count) fields; the header has \(names.count)",
                                        "rækken har \(record.fields.count) felter; overskriften har \(names.count)"))
                continue
            }
            func field(_ name: String) -> String? { trimmed(record.fields[index[name]!]) }
            guard let project = field("project_id"), isProjectID(project) else {
                let written = field("project_id").map { "\"\($0)\"" }
                findings.append(problem(path, record.line,
                                        "project_id is \(written ?? "empty"); expected a project id such as SP-2020-007",
                                        "project_id er \(written ?? "tom"); forventet et projekt-id som SP-2020-007"))
                continue
            }
            if let earlier = seen[project] {
                findings.append(problem(path, record.line, "\(project) is listed twice (also on line \(earlier))",
                                        "\(project) står der to gange (også i linje \(earlier))"))
                continue
            }
            seen[project] = record.line
            var type = field("authority_type")?.lowercased()
            switch type {
            case nil, "municipality", "region": break
            case "kommune": type = "municipality"
            default:
                let written = type ?? ""
                findings.append(problem(path, record.line,
                                        "authority_type is \"\(written)\"; expected municipality or region (or kommune), or empty",
                                        "authority_type er \"\(written)\"; forventet municipality eller region (eller kommune), eller tom"))
                continue
            }
            let email = field("lead_email")
            if let email, !EmailAddress.isPlausible(email) {
                findings.append(problem(path, record.line, "lead_email \"\(email)\" is not one valid e-mail address",
                                        "lead_email \"\(email)\" er ikke én gyldig e-mailadresse"))
                continue
            }
            entries.append(RosterEntry(projectId: project, title: field("title"), authority: field("authority"),
                                       authorityType: type, leadName: field("lead_name"), leadEmail: email))
        }
        guard findings.isEmpty else { throw Failure(findings: findings) }
        guard !entries.isEmpty else {
            throw Failure(findings: [problem(path, header.line, "the roster lists no project", "listen har ingen projekter")])
        }
        return entries.sorted { $0.projectId < $1.projectId }
    }

    /// `SP-`, four digits, `-`, two or three digits, as the questionnaires' XSDs require.
    static func isProjectID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let digits: (Substring) -> Bool = { $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return parts.count == 3 && parts[0] == "SP" && parts[1].utf8.count == 4 && (2...3).contains(parts[2].utf8.count)
            && digits(parts[1]) && digits(parts[2])
    }

    private static func problem(_ path: String, _ line: Int, _ english: String, _ danish: String) -> Finding {
        Finding(severity: .error, file: path, line: line, column: 1, message: english, messageDanish: danish)
    }
}

/// RFC 4180 records with the line each starts on; the delimiter (comma or semicolon) is the
/// one the header line uses more of.
enum CSVRecords {
    struct Record {
        var line: Int
        var fields: [String]
    }

    static func split(_ text: String) -> [Record] {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var line = 1
        var start = 1
        for character in text {
            if quoted {
                if character == "\"" {
                    quoted = false
                    afterQuote = true
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            if afterQuote, character == "\"" {
                // A doubled quote inside a quoted field.
                field.append("\"")
                quoted = true
                afterQuote = false
                continue
            }
            afterQuote = false
            switch character {
            case "\"" where field.isEmpty:
                quoted = true
            case delimiter:
                fields.append(field)
                field = ""
            case "\n", "\r\n":
                fields.append(field)
                records.append(Record(line: start, fields: fields))
                fields = []
                field = ""
                line += 1
                start = line
            default:
                field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(line: start, fields: fields))
        }
        return records
    }
}
