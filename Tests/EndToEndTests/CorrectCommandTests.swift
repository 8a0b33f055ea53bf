import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyStore

/// `correct`, `withdraw` and `taxonomy suggest` on the built binary (issue 17, items 3 and 4).
@Suite("corrections, withdrawals and synonym suggestions, end to end", .serialized)
struct CorrectCommandTests {
    /// samples/2022/SP-2020-004.xml and its revision.
    static let first = "87043a8e-5851-41c0-8591-624e7df5829f"

    /// The rows of `DIR/csv/NAME.csv` (RFC 4180) as dictionaries by column name.
    private func table(_ name: String, in dataset: URL) throws -> [[String: String]] {
        let text = try String(contentsOf: dataset.appendingPathComponent("csv/\(name).csv"), encoding: .utf8)
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch (character, quoted) {
            case ("\"", true) where characters.first == "\"": field.append("\""); characters.removeFirst()
            case ("\"", _): quoted.toggle()
            case (",", false): record.append(field); field = ""
            case ("\r\n", false), ("\n", false): record.append(field); records.append(record); record = []; field = ""
            default: field.append(character)
            }
        }
        let header = try #require(records.first)
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    private func ingest(_ folder: String) throws -> URL {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/\(folder)").path
        let result = try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return dataset
    }

    private func coronaRow(_ dataset: URL) throws -> [String: String] {
        let id = try #require(try table("submissions", in: dataset).first { $0["source_file"]?.hasSuffix("SP-2021-033.xml") == true })
        return try #require(try table("challenges", in: dataset).first { $0["submission_id"] == id["submission_id"] && $0["raw_category"] == "Corona" })
    }

    @Test("correct --label: category_source analyst in challenges.csv at once, after rebuild, in show, list and log")
    func labelCorrection() throws {
        let dataset = try ingest("2021")
        let before = try coronaRow(dataset)
        #expect(before["raw_category"] == "Corona")
        #expect(before["category_source"] != "analyst")

        let corrected = try CommandRunner.run(["correct", "--label", "corona ", "--category", "project-management.resources",
                                               "--note", "Hjemsendt personale", "--analyst", "Karen", "--out", dataset.path])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        #expect(corrected.stdout == "label \"corona\" → project-management.resources (by Karen): 1 stored challenge now "
            + "project-management.resources\n")
        var row = try coronaRow(dataset)
        #expect(row["category"] == "project-management")
        #expect(row["subcategory"] == "project-management.resources")
        #expect(row["category_source"] == "analyst")
        #expect(row["raw_category"] == "Corona")

        // The flag that the label could not be placed is no longer put to the lead: it is waived.
        // (Challenge 3, "Diverse", not corrected, stays open.)
        let unplaced = try table("flags", in: dataset).filter { $0["submission_id"] == row["submission_id"] && $0["rule"] == "unmapped" }
        #expect(unplaced.map { $0["field"] ?? "" } == ["challenges[2].category", "challenges[3].category"])
        #expect(unplaced.map { $0["state"] ?? "" } == ["waived", "open"])
        #expect(unplaced.first?["waived_by"] == "Karen")

        #expect(try CommandRunner.run(["rebuild", "--out", dataset.path]).status == 0)
        row = try coronaRow(dataset)
        #expect(row["category_source"] == "analyst")
        #expect(try table("flags", in: dataset).filter { $0["submission_id"] == row["submission_id"] && $0["rule"] == "unmapped" }
            .map { $0["state"] ?? "" } == ["waived", "open"])
        #expect(row["subcategory"] == "project-management.resources")
        let frictionless = try Frictionless.validate(dataset.appendingPathComponent("datapackage.json"))
        #expect(frictionless.status == 0, "\(frictionless.output)")

        let list = try CommandRunner.run(["correct", "--list", "--out", dataset.path])
        #expect(list.stdout.hasPrefix("1  label \"corona\" → project-management.resources  "))
        #expect(list.stdout.hasSuffix("  Karen: Hjemsendt personale\n"))
        let shown = try CommandRunner.run(["show", try #require(row["submission_id"]), "--out", dataset.path])
        #expect(shown.stdout.contains("  corrected:    challenges[2] → project-management.resources (label \"corona\", by Karen at "))
        let log = try CommandRunner.run(["log", "--out", dataset.path])
        #expect(log.stdout.contains("  Karen  correct project-management.resources  label \"corona\": Hjemsendt personale\n"))

        // In Danish too; then removed: the classifier's placement is back in the export.
        let removed = try CommandRunner.run(["correct", "--remove", "1", "--analyst", "Karen", "--language", "da", "--out", dataset.path])
        #expect(removed.stdout == "rettelse 1 fjernet: label \"corona\" → project-management.resources\n")
        #expect(try coronaRow(dataset) == before)
    }

    @Test("correct refuses an unknown code listing the codes, an unknown id or challenge naming it; nothing is recorded")
    func refusals() throws {
        let dataset = try ingest("2022")
        let unknownCode = try CommandRunner.run(["correct", Self.first, "--challenge", "1", "--category", "weather", "--out", dataset.path])
        #expect(unknownCode.status == 2)
        #expect(unknownCode.stderr.contains("--category: 'weather' is not a category of the taxonomy; the categories are: data, "
            + "infrastructure, legal, "))
        let wrongParent = try CommandRunner.run(["correct", Self.first, "--challenge", "1", "--category", "data",
                                                 "--subcategory", "legal.gdpr", "--language", "da", "--out", dataset.path])
        #expect(wrongParent.status == 2)
        #expect(wrongParent.stderr.contains("'legal.gdpr' er ikke en underkategori af data; dens underkategorier er: data.access, "))
        let unknownID = try CommandRunner.run(["correct", "no-such-id", "--challenge", "1", "--category", "data", "--out", dataset.path])
        #expect(unknownID.status == 2)
        #expect(unknownID.stderr.contains("'no-such-id'"))
        let position = try CommandRunner.run(["correct", Self.first, "--challenge", "99", "--category", "data", "--out", dataset.path])
        #expect(position.status == 2)
        #expect(position.stderr.contains("submission \(Self.first) has no challenge 99: it has "))
        #expect(try CommandRunner.run(["correct", "--label", "x", "--out", dataset.path]).status == 2)
        #expect(try IntakeStore(readingFrom: dataset).corrections().isEmpty)
        #expect(try IntakeStore(readingFrom: dataset).auditLog().isEmpty)
    }

    @Test("withdraw: kept, status withdrawn with the reason, the earlier revision current again; --undo; refusals")
    func withdraw() throws {
        let dataset = try ingest("2022")
        let rows = try table("submissions", in: dataset).filter { $0["project_id"] == "SP-2020-004" }
        let revision = try #require(rows.first { $0["source_file"]?.hasSuffix("revideret.xml") == true }?["submission_id"])
        let first = try #require(rows.first { $0["source_file"]?.hasSuffix("SP-2020-004.xml") == true }?["submission_id"])
        #expect(rows.first { $0["submission_id"] == revision }?["status"] == "current")

        let withdrawn = try CommandRunner.run(["withdraw", revision, "--reason", "Sendt for det forkerte projekt",
                                               "--analyst", "Karen", "--out", dataset.path])
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        #expect(withdrawn.stdout == "\(revision): withdrawn (by Karen); current now: \(first)\n")
        let after = try table("submissions", in: dataset)
        #expect(after.first { $0["submission_id"] == revision }?["status"] == "withdrawn")
        #expect(after.first { $0["submission_id"] == revision }?["withdrawal_reason"] == "Sendt for det forkerte projekt")
        #expect(after.first { $0["submission_id"] == first }?["status"] == "current")
        #expect(after.first { $0["submission_id"] == first }?["withdrawal_reason"] == "")
        let challenges = try table("challenges", in: dataset)
        #expect(challenges.contains { $0["submission_id"] == first })
        #expect(!challenges.contains { $0["submission_id"] == revision })
        #expect(!(try table("flags", in: dataset)).contains { $0["submission_id"] == revision })
        let frictionless = try Frictionless.validate(dataset.appendingPathComponent("datapackage.json"))
        #expect(frictionless.status == 0, "\(frictionless.output)")

        let shown = try CommandRunner.run(["show", revision, "--out", dataset.path])
        #expect(shown.stdout.contains("  status:       withdrawn\n  withdrawn:    by Karen at "))
        #expect(shown.stdout.contains(": Sendt for det forkerte projekt\n"))
        let original = try CommandRunner.run(["show", revision, "--out", dataset.path, "--original"])
        #expect(original.status == 0)
        #expect(original.stdout.contains("<"))

        let again = try CommandRunner.run(["withdraw", revision, "--reason", "igen", "--out", dataset.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("\(revision) is withdrawn already (by Karen at "))
        #expect(try CommandRunner.run(["withdraw", revision, "--out", dataset.path]).status == 2)
        #expect(try CommandRunner.run(["withdraw", revision, "--reason", "  ", "--out", dataset.path]).status == 2)
        let unknown = try CommandRunner.run(["withdraw", "no-such-id", "--reason", "x", "--out", dataset.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'no-such-id'"))

        // Kept across a re-ingest and a rebuild; then undone, in Danish.
        #expect(try CommandRunner.run(["ingest", CommandRunner.packageRoot.appendingPathComponent("samples/2022").path,
                                       "--out", dataset.path, "--quiet"]).status == 0)
        #expect(try CommandRunner.run(["rebuild", "--out", dataset.path]).status == 0)
        #expect(try table("submissions", in: dataset).first { $0["submission_id"] == revision }?["status"] == "withdrawn")
        let undone = try CommandRunner.run(["withdraw", revision, "--undo", "--reason", "Alligevel rigtigt", "--analyst", "Ole",
                                            "--language", "da", "--out", dataset.path])
        #expect(undone.stdout == "\(revision): tilbagetrækning fortrudt (af Ole); gældende nu: \(revision)\n")
        #expect(try table("submissions", in: dataset).first { $0["submission_id"] == revision }?["status"] == "current")
        #expect(try table("submissions", in: dataset).first { $0["submission_id"] == first }?["status"] == "superseded")
        let log = try CommandRunner.run(["log", "--out", dataset.path]).stdout.split(separator: "\n")
        #expect(log.count == 2)
        #expect(log.last?.hasSuffix("  Ole  withdraw undone  \(revision): Alligevel rigtigt") == true)
    }

    @Test("the exports are rewritten in the CSV dialect they are in (excel-da), unless --csv-dialect says otherwise")
    func dialectKept() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2022").path
        #expect(try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet", "--csv-dialect", "excel-da"]).status == 0)
        func startsWithBOM() throws -> Bool {
            [UInt8](try Data(contentsOf: dataset.appendingPathComponent("csv/submissions.csv")).prefix(3)) == [0xEF, 0xBB, 0xBF]
        }
        #expect(try startsWithBOM())
        #expect(try CommandRunner.run(["withdraw", Self.first, "--reason", "Test", "--out", dataset.path]).status == 0)
        #expect(try startsWithBOM())
        #expect(try CommandRunner.run(["withdraw", Self.first, "--undo", "--reason", "Test", "--csv-dialect", "rfc4180",
                                       "--out", dataset.path]).status == 0)
        #expect(try !startsWithBOM())
    }

    @Test("taxonomy suggest turns the corrections into synonyms; taxonomy evaluate with them places the labels as corrected")
    func suggest() throws {
        let dataset = try ingest("2021")
        #expect(try CommandRunner.run(["correct", "--label", "Corona", "--category", "project-management.resources",
                                       "--out", dataset.path]).status == 0)
        // Already placed by the classifier: no synonym for it.
        #expect(try CommandRunner.run(["correct", "--label", "Datakvalitet", "--category", "data.quality",
                                       "--out", dataset.path]).status == 0)
        let work = try CommandRunner.temporaryDirectory()
        let vocabulary = work.appendingPathComponent("challenges.xml")
        let cases = work.appendingPathComponent("corrected.tsv")
        let suggested = try CommandRunner.run(["taxonomy", "suggest", "--out", dataset.path, "--write", vocabulary.path,
                                               "--evaluation-set", cases.path])
        #expect(suggested.status == 0, "\(suggested.stderr)")
        #expect(suggested.stdout == """
            <!-- 1 synonym from 2 corrections; each goes under its entry in vocabularies/challenges.xml -->
            <entry code="project-management.resources">  <!-- Ressourcer og bemanding / Resources and staffing -->
              <synonym>Corona</synonym>  <!-- 1 correction -->
            </entry>
            left out:
              "Datakvalitet": already placed as data.quality

            """)
        #expect(try String(contentsOf: cases, encoding: .utf8)
            == "expected\tkind\ttext\nproject-management.resources\tlabel\tCorona\ndata.quality\tlabel\tDatakvalitet\n")

        // The shipped vocabulary misplaces "Corona"; the copy with the synonym places both labels.
        let shipped = try CommandRunner.run(["taxonomy", "evaluate", cases.path])
        #expect(shipped.status == 1)
        let registry = work.appendingPathComponent("schemas")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("schemas").resolvingSymlinksInPath(),
                                         to: registry)
        let target = registry.appendingPathComponent("vocabularies/challenges.xml")
        try FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: vocabulary, to: target)
        let evaluated = try CommandRunner.run(["taxonomy", "evaluate", cases.path, "--schemas", registry.path, "--format", "json"])
        #expect(evaluated.status == 0, "\(evaluated.stdout)")
        #expect(evaluated.stdout.contains("\"passed\" : true"))
        #expect(try CommandRunner.run(["taxonomy", "check", "--schemas", registry.path]).status == 0)
    }
}
