import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyStore

/// `flags --state`, `flags --letters` recording what they ask, and `waive` on the built binary
/// (issue 17, item 2), on SP-2020-004's first report for 2022 and its revision.
@Suite("flag states, letters that ask and waive, end to end", .serialized)
struct FlagStateCommandTests {
    static let first = "87043a8e-5851-41c0-8591-624e7df5829f"     // samples/2022/SP-2020-004.xml
    static let revision = "e4e51b55-fc23-4b98-97d1-38eef0f07a83"  // samples/2022/SP-2020-004-revideret.xml
    /// 2026-11-02T10:00:00Z and a week later.
    static let firstLetters = ["SOURCE_DATE_EPOCH": "1793613600", "USER": "karen"]
    static let laterLetters = ["SOURCE_DATE_EPOCH": "1794218400"]

    /// A dataset holding SP-2020-004's first report (its one flag: operationsPlan [conditional])
    /// and the `others` of samples/2022, ingested from `inbox/` in a fresh folder.
    private func dataset(others: [String] = []) throws -> (root: URL, data: String) {
        let root = try CommandRunner.temporaryDirectory()
        let inbox = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for name in ["SP-2020-004.xml"] + others {
            try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("samples/2022/\(name)"),
                                             to: inbox.appendingPathComponent(name))
        }
        let ingest = try CommandRunner.run(["ingest", "inbox", "--out", "data", "--quiet"], in: root)
        try #require(ingest.status == 0, "\(ingest.stderr)")
        return (root, "data")
    }

    private func addRevision(_ root: URL) throws {
        try FileManager.default.copyItem(
            at: CommandRunner.packageRoot.appendingPathComponent("samples/2022/SP-2020-004-revideret.xml"),
            to: root.appendingPathComponent("inbox/SP-2020-004-revideret.xml"))
        let ingest = try CommandRunner.run(["ingest", "inbox", "--out", "data", "--quiet"], in: root)
        try #require(ingest.status == 0, "\(ingest.stderr)")
    }

    /// flags.csv as rows by column name (RFC 4180: quoted fields may hold commas and doubled quotes).
    private func flagsCSV(_ root: URL) throws -> [[String: String]] {
        let csv = try String(contentsOf: root.appendingPathComponent("data/csv/flags.csv"), encoding: .utf8)
        let scalars = Array(csv.unicodeScalars)
        var records: [[String]] = [], fields: [String] = [], field = "", quoted = false, index = 0
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if quoted {
                if c != "\"" {
                    field.unicodeScalars.append(c)
                } else if index < scalars.count, scalars[index] == "\"" {
                    field.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": fields.append(field); field = ""
            case "\r": break
            case "\n": fields.append(field); records.append(fields); fields = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        let header = try #require(records.first)
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test("letters ask: the flags become asked at the letters' time, kept by rebuild; a second run keeps it and says when first asked")
    func lettersAsk() throws {
        let (root, data) = try dataset()
        let open = try CommandRunner.run(["flags", "--out", data], in: root)
        #expect(open.status == 0)
        #expect(open.stdout.contains("inbox/SP-2020-004.xml:"))
        #expect(open.stdout.contains("operationsPlan"))
        let openLines = open.stdout.split(separator: "\n").filter { $0.contains(": warning: [") }
        #expect(!openLines.isEmpty)
        #expect(openLines.count == 1)
        #expect(openLines.allSatisfy { $0.hasSuffix(" (open)") })

        let letters = try CommandRunner.run(["flags", "--out", data, "--letters", "letters", "--from", "a@example.org", "--quiet"],
                                            in: root, environment: Self.firstLetters)
        #expect(letters.status == 0, "\(letters.stderr)")
        let firstLetter = try String(contentsOf: root.appendingPathComponent("letters/cabn@aarhus.dk.eml"), encoding: .utf8)
        // The run is a line of the audit log: who, when, where the letters went, what they asked.
        let log = try CommandRunner.run(["log", "--out", data], in: root)
        #expect(log.stdout == "2026-11-02T10:00:00Z  karen  letters  letters: 1 letter asking 1 flag\n")
        #expect(!firstLetter.contains("Vi spurgte"))
        // The exports show it at once, not from the next ingest.
        #expect(try flagsCSV(root).map { $0["state"] } == ["asked"])

        let asked = try CommandRunner.run(["flags", "--out", data, "--state", "asked"], in: root)
        let askedLines = asked.stdout.split(separator: "\n").filter { $0.contains(": warning: [") }
        #expect(askedLines.count == openLines.count)
        #expect(askedLines.allSatisfy { $0.hasSuffix(" (asked 2026-11-02 by letter)") })
        #expect(try CommandRunner.run(["flags", "--out", data, "--state", "open", "--quiet"], in: root).stdout == "")
        let danish = try CommandRunner.run(["flags", "--out", data, "--language", "da", "--quiet"], in: root)
        #expect(danish.stdout.split(separator: "\n").allSatisfy { !$0.contains(": warning: [") || $0.hasSuffix(" (spurgt 2026-11-02 i et brev)") })

        // Rebuild derives every flag again: the asking is kept.
        #expect(try CommandRunner.run(["rebuild", "--out", data], in: root).status == 0)
        #expect(try flagsCSV(root).map { $0["state"] } == ["asked"])
        #expect(try flagsCSV(root).first?["first_asked_at"] == "2026-11-02T10:00:00Z")

        // A week later: the same flags, still first asked on 2 November, and the letter says so.
        #expect(try CommandRunner.run(["flags", "--out", data, "--letters", "letters", "--from", "a@example.org", "--quiet"],
                                      in: root, environment: Self.laterLetters).status == 0)
        let secondLetter = try String(contentsOf: root.appendingPathComponent("letters/cabn@aarhus.dk.eml"), encoding: .utf8)
        let words = secondLetter.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // The phase is quoted by its Danish label from the vocabulary, not by the code the lead's file holds.
        #expect(words.contains("fordi «Fase» er besvaret med «Implementering». Vi spurgte første gang den 2. november 2026."))
        let json = try CommandRunner.run(["flags", "--out", data, "--format", "json"], in: root)
        #expect(json.stdout.contains("\"at\" : \"2026-11-02T10:00:00Z\""))
        #expect(!json.stdout.contains("2026-11-09"))
        let csv = try CommandRunner.run(["flags", "--out", data, "--format", "csv"], in: root)
        #expect(csv.stdout.split(separator: "\r\n").dropFirst().allSatisfy { $0.contains(",asked,2026-11-02T10:00:00Z,letter,") })
    }

    @Test("the revision answers the operations plan: answered by it, out of the default listing and the letters")
    func revisionAnswers() throws {
        let (root, data) = try dataset()
        #expect(try CommandRunner.run(["flags", "--out", data, "--letters", "letters", "--from", "a@example.org", "--quiet"],
                                      in: root, environment: Self.firstLetters).status == 0)
        try addRevision(root)
        let answered = try CommandRunner.run(["flags", "--out", data, "--state", "answered"], in: root)
        #expect(answered.status == 0)
        let lines = answered.stdout.split(separator: "\n").filter { $0.contains(": warning: [") }
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasPrefix("inbox/SP-2020-004.xml:"))
        #expect(line.contains("[conditional] operationsPlan: "))
        #expect(line.contains(" (answered by revision \(Self.revision) ("))
        let pending = try CommandRunner.run(["flags", "--out", data], in: root)
        #expect(!pending.stdout.contains("operationsPlan"))
        let csv = try CommandRunner.run(["flags", "--out", data, "--state", "answered", "--format", "csv"], in: root)
        let row = try #require(csv.stdout.split(separator: "\r\n").dropFirst().first)
        #expect(row.contains(",\(Self.first),inbox/SP-2020-004.xml,"))
        #expect(row.contains(",answered,2026-11-02T10:00:00Z,letter,\(Self.revision),"))
        #expect(try CommandRunner.run(["flags", "--out", data, "--state", "answered", "--letters", "letters"], in: root).status == 2)
    }

    @Test("waive one flag with a reason: out of the listing, in the audit log, kept by rebuild, waived in flags.csv; --undo")
    func waiveOne() throws {
        let (root, data) = try dataset()
        let before = try flagsCSV(root)
        let target = try #require(before.first)
        let field = try #require(target["field"]), rule = try #require(target["rule"])
        #expect(before.allSatisfy { $0["state"] == "open" })

        let waived = try CommandRunner.run(["waive", Self.first, "--field", field, "--reason", "Ikke relevant for projektet",
                                            "--analyst", "Karen Analytiker", "--out", data], in: root)
        #expect(waived.status == 0, "\(waived.stderr)")
        #expect(waived.stdout == "SP-2020-004 2022 \(field) [\(rule)]\n1 flag waived (by Karen Analytiker).\n")
        let listed = try CommandRunner.run(["flags", "--out", data, "--state", "waived"], in: root)
        #expect(listed.stdout.contains("] \(field): "))
        #expect(listed.stdout.contains(" (waived by Karen Analytiker "))
        #expect(listed.stdout.contains(": Ikke relevant for projektet)"))
        #expect(!(try CommandRunner.run(["flags", "--out", data], in: root)).stdout.contains("] \(field): "))

        #expect(try CommandRunner.run(["rebuild", "--out", data], in: root).status == 0)
        let after = try flagsCSV(root)
        let row = try #require(after.first { $0["field"] == field && $0["rule"] == rule })
        #expect(row["state"] == "waived")
        #expect(row["waived_by"] == "Karen Analytiker")
        #expect(row["waive_reason"] == "Ikke relevant for projektet")
        #expect(after.filter { $0["state"] == "waived" }.count == 1)
        let frictionless = try Frictionless.validate(root.appendingPathComponent("data/datapackage.json"))
        #expect(frictionless.status == 0, "\(frictionless.output)")
        let log = try CommandRunner.run(["log", "--out", data], in: root)
        #expect(log.stdout.contains("Karen Analytiker  waive  SP-2020-004 2022 \(field) [\(rule)]: Ikke relevant for projektet\n"))

        let undone = try CommandRunner.run(["waive", Self.first, "--field", field, "--undo", "--analyst", "Karen Analytiker",
                                            "--out", data], in: root)
        #expect(undone.status == 0)
        #expect(undone.stdout.hasSuffix("Waiver taken back for 1 flag (by Karen Analytiker).\n"))
        #expect(try CommandRunner.run(["flags", "--out", data], in: root).stdout.contains("] \(field): "))
        #expect(try CommandRunner.run(["log", "--out", data], in: root).stdout.contains("  waive undone  SP-2020-004 2022 \(field)"))
    }

    @Test("waive many with --round and --rule; an unknown id, a field without a flag, no reason: exit 2, nothing recorded")
    func waiveManyAndRefusals() throws {
        let (root, data) = try dataset(others: ["SP-2020-016.xml"])
        let unknown = try CommandRunner.run(["waive", "no-such-id", "--field", "project.domain", "--reason", "x", "--out", data], in: root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'no-such-id'"))
        let noFlag = try CommandRunner.run(["waive", Self.first, "--field", "project.title", "--reason", "x", "--out", data], in: root)
        #expect(noFlag.status == 2)
        #expect(noFlag.stderr.contains("has no flag on 'project.title'"))
        let danish = try CommandRunner.run(["waive", Self.first, "--field", "project.title", "--reason", "x", "--language", "da",
                                            "--out", data], in: root)
        #expect(danish.stderr.contains("har ingen markering af 'project.title'"))
        let noReason = try CommandRunner.run(["waive", Self.first, "--field", "operationsPlan", "--out", data], in: root)
        #expect(noReason.status == 2)
        #expect(noReason.stderr.contains("--reason"))
        #expect(try CommandRunner.run(["waive", "--reason", "x", "--out", data], in: root).status == 2)
        #expect(try CommandRunner.run(["waive", "--round", "1999", "--reason", "x", "--out", data], in: root).status == 2)
        #expect(try CommandRunner.run(["log", "--out", data], in: root).stdout == "")

        let many = try CommandRunner.run(["waive", "--round", "2022", "--reason", "Runden lukket", "--analyst", "K", "--out", data],
                                         in: root)
        #expect(many.status == 0)
        #expect(many.stdout == """
            SP-2020-004 2022 operationsPlan [conditional]
            SP-2020-016 2022 challenges[1].description [placeholder]
            SP-2020-016 2022 challenges[2].mitigation [placeholder]
            SP-2020-016 2022 project.domain [missing]
            4 flags waived (by K).

            """)
        #expect(try CommandRunner.run(["log", "--out", data], in: root).stdout.split(separator: "\n").count == 4)
        #expect(try CommandRunner.run(["flags", "--out", data, "--quiet"], in: root).stdout == "")
        #expect(try CommandRunner.run(["flags", "--out", data], in: root).stdout == "No open or asked findings.\n")
        let back = try CommandRunner.run(["waive", "--round", "2022", "--rule", "conditional", "--undo", "--analyst", "K", "--out", data],
                                         in: root)
        #expect(back.stdout == "SP-2020-004 2022 operationsPlan [conditional]\nWaiver taken back for 1 flag (by K).\n")
    }
}
