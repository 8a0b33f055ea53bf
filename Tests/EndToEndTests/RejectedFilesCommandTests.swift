import Foundation
import Testing

/// Issue 14, item 13: a rejected file that was read far enough names its project, round and
/// lead in `rejected.csv`, and `flags --letters` writes that lead what to fix until a corrected
/// file of the same project and round is accepted.
@Suite("rejected files: project, round and lead recorded; a letter to the lead", .serialized)
struct RejectedFilesCommandTests {
    /// The rows of an RFC 4180 CSV file, as dictionaries by header.
    private func rows(_ path: URL) throws -> [[String: String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var characters = try String(contentsOf: path, encoding: .utf8).makeIterator()
        while let character = characters.next() {
            switch (quoted, character) {
            case (true, "\""):
                if let next = characters.next() {
                    if next == "\"" { field.append("\"") } else {
                        quoted = false
                        if next == "," { record.append(field); field = "" } else if next == "\n" || next == "\r\n" {
                            record.append(field); records.append(record); record = []; field = ""
                        }
                    }
                } else { quoted = false }
            case (true, _): field.append(character)
            case (false, "\""): quoted = true
            case (false, ","): record.append(field); field = ""
            case (false, "\n"), (false, "\r\n"): record.append(field); records.append(record); record = []; field = ""
            default: field.append(character)
            }
        }
        let header = try #require(records.first)
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test("rejected.csv: a schema-invalid file's project, round and lead; empty for a file that did not parse")
    func rejectedCSV() throws {
        let data = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let ingest = try CommandRunner.run(["ingest", "samples/invalid", "--out", data.path, "--quiet"], in: CommandRunner.packageRoot)
        #expect(ingest.status == 1)
        let rejected = try rows(data.appendingPathComponent("csv/rejected.csv"))
        let wrongPattern = try #require(rejected.first { $0["source_file"] == "samples/invalid/08-projektid-wrong-pattern.xml" })
        #expect(wrongPattern["project_id"] == "SP-21-36")
        #expect(wrongPattern["round"] == "2021")
        #expect(wrongPattern["lead_name"] == "Sara Lind Østergaard")
        #expect(wrongPattern["lead_email"] == "sara.ostergaard@skanderborg.dk")
        let format2 = try #require(rejected.first { $0["source_file"] == "samples/invalid/12-elements-out-of-order.xml" })
        #expect([format2["project_id"], format2["round"], format2["lead_email"]] == ["SP-2021-032", "2022", "peter.laursen@svendborg.dk"])
        let unclosed = try #require(rejected.first { $0["source_file"] == "samples/invalid/01-unclosed-element.xml" })
        #expect([unclosed["project_id"], unclosed["round"], unclosed["lead_name"]] == ["", "", ""])
    }

    @Test("flags --letters writes the lead of a rejected file every error, until a corrected file is accepted")
    func letterUntilResolved() throws {
        let root = CommandRunner.packageRoot
        let data = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let letters = try CommandRunner.temporaryDirectory().appendingPathComponent("letters")
        let invalid = "samples/invalid/12-elements-out-of-order.xml"
        #expect(try CommandRunner.run(["ingest", invalid, "--out", data.path, "--quiet"], in: root).status == 1)
        let environment = ["SOURCE_DATE_EPOCH": "1669885200"]
        let first = try CommandRunner.run(["flags", "--out", data.path, "--letters", letters.path,
                                           "--from", "Signaturprojekterne <opfoelgning@example.org>"], environment: environment)
        let name = "peter.laursen@svendborg.dk-afvist-sp-2021-032-2022.eml"
        #expect(first.status == 0)
        #expect(first.stdout == """
            \(letters.path)/\(name): Peter Dyhr Laursen, a rejected file (1 error)
            1 letter written to \(letters.path)/.

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: letters.path) == [name])
        let letter = try String(contentsOf: letters.appendingPathComponent(name), encoding: .utf8)
            .replacingOccurrences(of: "\r\n", with: "\n")
        // The body's prose with its lines joined again (the letter wraps at 72 columns).
        let prose = letter.replacingOccurrences(of: "\n", with: " ")
        #expect(letter.contains("To: Peter Dyhr Laursen <peter.laursen@svendborg.dk>\n"))
        #expect(letter.contains("Subject: Statusrapport 2022 for SP-2021-032 kunne ikke modtages: 1 fejl skal\n rettes\n"))
        #expect(prose.contains("Vi kunne desværre ikke tage imod filen 12-elements-out-of-order.xml, som vi modtog den "))
        #expect(prose.contains("fordi nogle svar ikke har den form, spørgeskemaet kræver"))
        #expect(letter.contains("\n1. Linje 9, kolonne 5: "))
        #expect(!letter.contains("\n2. "))

        // The corrected report of the same project and round: nothing is left to ask for that file.
        #expect(try CommandRunner.run(["ingest", "samples/2022/SP-2021-032.xml", "--out", data.path, "--quiet"], in: root).status == 0)
        let second = try CommandRunner.run(["flags", "--out", data.path, "--letters", letters.path, "--remove-stale-letters",
                                            "--from", "Signaturprojekterne <opfoelgning@example.org>"], environment: environment)
        #expect(second.status == 0)
        #expect(!second.stdout.contains("a rejected file"))
        #expect(second.stdout.contains("\(letters.path)/\(name): removed (left from an earlier run)"))
        #expect(!FileManager.default.fileExists(atPath: letters.appendingPathComponent(name).path))
    }

    @Test("--rule limits the letters to answers: no letter about a rejected file")
    func ruleLeavesRejectionsOut() throws {
        let data = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let letters = try CommandRunner.temporaryDirectory().appendingPathComponent("letters")
        #expect(try CommandRunner.run(["ingest", "samples/invalid/12-elements-out-of-order.xml", "--out", data.path, "--quiet"],
                                      in: CommandRunner.packageRoot).status == 1)
        let result = try CommandRunner.run(["flags", "--out", data.path, "--letters", letters.path, "--rule", "missing",
                                            "--from", "Signaturprojekterne <opfoelgning@example.org>"])
        #expect(result.status == 0)
        #expect(result.stdout == "No open findings: no letters written.\n")
    }

    @Test("report: rejections counted under the round they name, the rest as round not known; --round keeps both")
    func reportCountsRejectionsByRound() throws {
        let data = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        #expect(try CommandRunner.run(["ingest", "samples", "--out", data.path, "--quiet"], in: CommandRunner.packageRoot).status == 1)
        let all = try CommandRunner.run(["report", "--out", data.path], environment: ["SOURCE_DATE_EPOCH": "1669885200"])
        #expect(all.status == 0)
        #expect(all.stdout.contains("""
            | Round | Accepted | Current | Superseded | Rejected |
            |---|---:|---:|---:|---:|
            | 2021 | 40 | 40 | 0 | 6 |
            | 2022 | 29 | 28 | 1 | 3 |
            | **Total** | 69 | 68 | 1 | 9 |
            """))
        #expect(all.stdout.contains("""
            | Round | Reason | Format | Files |
            |---|---|---|---:|
            | 2021 | schema-invalid | statusrapport-1 | 6 |
            | 2022 | schema-invalid | statusreport-2 | 3 |
            | round not known | not-well-formed | not identified | 4 |
            | round not known | forbidden-dtd | not identified | 1 |
            | round not known | unknown-questionnaire | not identified | 1 |
            """))
        let round = try CommandRunner.run(["report", "--out", data.path, "--round", "2022"])
        #expect(round.status == 0)
        #expect(round.stdout.contains("| 2022 | schema-invalid | statusreport-2 | 3 |\n| round not known | not-well-formed |"))
        #expect(!round.stdout.contains("| 2021 | schema-invalid"))
    }
}
