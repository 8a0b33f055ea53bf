import Foundation
import GRDB
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("Ingest: identity, revisions, duplicates, exports")
struct IngestTests {
    private func pipeline() throws -> IntakePipeline {
        try TestSupport.pipeline()
    }

    private func ingest(_ paths: [String], into output: URL, jobs: Int = 2, dialect: CSVDialect = .rfc4180) throws -> IngestSummary {
        let files = try InputFiles.collect(paths).files
        let runner = IngestRunner(pipeline: try pipeline(), options: .init(output: output, jobs: jobs, dialect: dialect),
                                  toolVersion: "test")
        return try runner.run(files: files)
    }

    private func sample(_ path: String) -> String {
        TestSupport.samplesDirectory.appendingPathComponent(path).path
    }

    /// A copy of a sample under a new name in `folder`, optionally edited.
    private func copy(_ path: String, to folder: URL, as name: String, edit: (String) -> String = { $0 }) throws -> String {
        let text = try String(contentsOfFile: sample(path), encoding: .utf8)
        let target = folder.appendingPathComponent(name)
        try edit(text).write(to: target, atomically: true, encoding: .utf8)
        return target.path
    }

    private func rows(_ sql: String, in output: URL) throws -> [Row] {
        let queue = try DatabaseQueue(path: output.appendingPathComponent("intake.sqlite").path)
        return try queue.read { try Row.fetchAll($0, sql: sql) }
    }

    @Test("every file's original is kept byte for byte, compressed, and read back after the inputs are gone")
    func originalsKept() throws {
        let inbox = try TestSupport.temporaryDirectory().appendingPathComponent("inbox")
        try FileManager.default.copyItem(at: TestSupport.samplesDirectory, to: inbox)
        let output = try TestSupport.temporaryDirectory()
        _ = try ingest([inbox.path], into: output, jobs: 4)
        let stored = try rows("SELECT source_file, sha256 FROM submissions UNION ALL SELECT source_file, sha256 FROM rejections",
                              in: output)
        #expect(stored.count == 84)
        var expected: [String: [UInt8]] = [:]
        for row in stored {
            let path: String = row["source_file"]
            expected[row["sha256"]] = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        try FileManager.default.removeItem(at: inbox)
        let store = try IntakeStore(readingFrom: output)
        for (sha256, bytes) in expected {
            #expect(try store.original(sha256: sha256) == bytes, "\(sha256)")
        }
        let encodings = try rows("SELECT encoding, COUNT(*) AS n FROM originals GROUP BY encoding", in: output)
        #expect(encodings.map { $0["encoding"] as String } == ["zlib"])
    }

    @Test("a revision with a later submission time supersedes the earlier one; both are kept")
    func revisionSupersedes() throws {
        let output = try TestSupport.temporaryDirectory()
        let summary = try ingest([sample("2022/SP-2020-004.xml"), sample("2022/SP-2020-004-revideret.xml")], into: output)
        #expect(summary.new.count == 2)
        #expect(summary.superseded == [sample("2022/SP-2020-004.xml")])
        let statuses = try rows("SELECT source_file, status FROM submissions ORDER BY submitted_at_utc", in: output)
        #expect(statuses.map { $0["status"] as String } == ["superseded", "current"])
    }

    @Test("the revision arriving first still wins: current is the latest submitted_at, not the latest ingested")
    func revisionFirst() throws {
        let output = try TestSupport.temporaryDirectory()
        _ = try ingest([sample("2022/SP-2020-004-revideret.xml")], into: output)
        let second = try ingest([sample("2022/SP-2020-004.xml")], into: output)
        #expect(second.new == [sample("2022/SP-2020-004.xml")])
        #expect(second.superseded == [sample("2022/SP-2020-004.xml")])
        let current = try rows("SELECT source_file FROM submissions WHERE status = 'current'", in: output)
        #expect(current.map { $0["source_file"] as String } == [sample("2022/SP-2020-004-revideret.xml")])
    }

    @Test("the same bytes under another name are a no-op")
    func sameBytes() throws {
        let folder = try TestSupport.temporaryDirectory()
        let output = try TestSupport.temporaryDirectory()
        let original = try copy("2021/SP-2020-001.xml", to: folder, as: "a.xml")
        let duplicate = try copy("2021/SP-2020-001.xml", to: folder, as: "b.xml")
        let summary = try ingest([original, duplicate], into: output)
        #expect(summary.new == [original])
        #expect(summary.unchanged == 1)
        #expect(try rows("SELECT COUNT(*) AS n FROM submissions", in: output).first?["n"] == 1)
    }

    @Test("the same submissionId with other content is a conflict: rejected, the stored one unchanged")
    func conflict() throws {
        let folder = try TestSupport.temporaryDirectory()
        let output = try TestSupport.temporaryDirectory()
        let original = try copy("2022/SP-2020-001.xml", to: folder, as: "first.xml")
        let changed = try copy("2022/SP-2020-001.xml", to: folder, as: "second.xml") {
            $0.replacingOccurrences(of: "<Round>2022</Round>", with: "<Round>2022</Round>\n  <!-- edited -->")
        }
        _ = try ingest([original], into: output)
        let before = try rows("SELECT sha256, source_file, status FROM submissions", in: output)
        let summary = try ingest([changed], into: output)
        #expect(summary.new == [])
        #expect(summary.rejected.map(\.reason) == ["conflict"])
        #expect(summary.rejected.first?.message.contains("was already ingested from \(original)") == true)
        #expect(try rows("SELECT sha256, source_file, status FROM submissions", in: output) == before)
        let rejection = try rows("SELECT reason, source_file FROM rejections", in: output)
        #expect(rejection.map { $0["reason"] as String } == ["conflict"])
    }

    @Test("a second run over the same inputs adds nothing and leaves the exports byte-identical")
    func idempotent() throws {
        let output = try TestSupport.temporaryDirectory()
        let first = try ingest([TestSupport.samplesDirectory.path], into: output)
        #expect(first.new.count == 69)
        #expect(first.rejected.count == 15)
        #expect(first.superseded.count == 1)
        let exports = try exportBytes(output)
        let second = try ingest([TestSupport.samplesDirectory.path], into: output)
        #expect(second.new == [])
        #expect(second.rejected == [])
        #expect(second.superseded == [])
        #expect(second.unchanged == 84)
        #expect(try exportBytes(output) == exports)
        #expect(try rows("SELECT COUNT(*) AS n FROM submissions", in: output).first?["n"] == 69)
        #expect(try rows("SELECT COUNT(*) AS n FROM rejections", in: output).first?["n"] == 15)
    }

    @Test("unchanged files are skipped unread by their stamp, ASCII names or not; a touched one is read again")
    func skippedByStamp() throws {
        for names in [["a.xml", "b.xml"], ["a.xml", "æble-ø.xml"]] {
            let inbox = try TestSupport.temporaryDirectory()
            let output = try TestSupport.temporaryDirectory()
            let paths = [try copy("2021/SP-2020-001.xml", to: inbox, as: names[0]),
                         try copy("2021/SP-2020-002.xml", to: inbox, as: names[1])]
            #expect(try ingest([inbox.path], into: output).new.count == 2)
            let second = try ingest([inbox.path], into: output)
            #expect(second.unchanged == 2)
            // Skipped unread: the rows still say run 1.
            let runs = { try self.rows("SELECT path, ingest_run FROM source_files ORDER BY path", in: output)
                .map { [$0["path"] as String: $0["ingest_run"] as Int64] } }
            #expect(try runs() == [[paths[0]: 1], [paths[1]: 1]])
            let later = [timespec(tv_sec: 2_000_000_000, tv_nsec: 0), timespec(tv_sec: 2_000_000_000, tv_nsec: 0)]
            #expect(later.withUnsafeBufferPointer { utimensat(AT_FDCWD, paths[1], $0.baseAddress, 0) } == 0)
            let third = try ingest([inbox.path], into: output)
            #expect(third.unchanged == 2)
            #expect(try runs() == [[paths[0]: 1], [paths[1]: 3]])
        }
    }

    @Test("files taken a window at a time (windows of 16 here) give the dataset and summary of one window, a stop in a later window included")
    func windowsDoNotChangeTheDataset() throws {
        let files = try InputFiles.collect([TestSupport.samplesDirectory.path]).files
        #expect(files.count == 84)
        func runner(_ output: URL, chunkSize: Int) throws -> IngestRunner {
            IngestRunner(pipeline: try pipeline(), options: .init(output: output, jobs: 2, chunkSize: chunkSize), toolVersion: "test")
        }
        let whole = try TestSupport.temporaryDirectory()
        let wholeSummary = try runner(whole, chunkSize: 256).run(files: files)

        // Windows of 16 files (chunks of 1), stopped after the 20th commit: in the second window.
        let windowed = try TestSupport.temporaryDirectory()
        var asked = 0
        var seen: [Int] = []
        var stopped: IngestInterrupted?
        do {
            _ = try runner(windowed, chunkSize: 1).run(files: files, progress: { done, total in
                #expect(total == 84)
                seen.append(done)
            }, shouldStop: {
                asked += 1
                return asked == 20
            })
        } catch let interrupted as IngestInterrupted {
            stopped = interrupted
        }
        #expect(stopped?.filesDone == 20)
        #expect(seen == Array(seen.sorted()))
        let resumed = try runner(windowed, chunkSize: 1).run(files: files)
        #expect(resumed.unchanged == 20)
        #expect((stopped?.summary.new.count ?? 0) + resumed.new.count == wholeSummary.new.count)
        #expect((stopped?.summary.rejected.count ?? 0) + resumed.rejected.count == wholeSummary.rejected.count)
        #expect(try exportBytes(windowed) == exportBytes(whole))

        // A run over an unchanged dataset, window by window: every file unchanged, the still-rejected listed in order.
        let again = try runner(windowed, chunkSize: 1).run(files: files)
        let wholeAgain = try runner(whole, chunkSize: 256).run(files: files)
        #expect(again.unchanged == 84)
        #expect(again.stillRejected == wholeAgain.stillRejected)
        #expect(again.stillRejected.count == 15)
    }

    @Test("--jobs 1 and --jobs 4 write byte-identical exports")
    func jobsDoNotChangeTheDataset() throws {
        let serial = try TestSupport.temporaryDirectory()
        let parallel = try TestSupport.temporaryDirectory()
        _ = try ingest([TestSupport.samplesDirectory.path], into: serial, jobs: 1)
        _ = try ingest([TestSupport.samplesDirectory.path], into: parallel, jobs: 4)
        #expect(try exportBytes(serial) == exportBytes(parallel))
    }

    @Test("each CSV starts with the contract's columns, in order")
    func contractColumns() throws {
        let output = try TestSupport.temporaryDirectory()
        _ = try ingest([sample("2021"), sample("invalid")], into: output)
        let contract: [String: [String]] = [
            "submissions": ["submission_id", "project_id", "round", "format_version", "source_file", "sha256", "submitted_at",
                            "status", "title", "authority", "authority_type", "domain", "phase", "lead_name", "lead_email",
                            "completeness", "flag_count"],
            "challenges": ["submission_id", "project_id", "round", "phase", "position", "category", "subcategory",
                           "category_source", "raw_category", "severity", "resolved", "description", "mitigation"],
            "mitigations": ["submission_id", "project_id", "round", "code", "code_source", "raw_text"],
            "flags": ["submission_id", "project_id", "round", "lead_email", "field", "rule", "message", "state"],
            "rejected": ["source_file", "sha256", "reason", "line", "column", "message"],
        ]
        for (name, columns) in contract {
            let text = try String(contentsOf: output.appendingPathComponent("csv/\(name).csv"), encoding: .utf8)
            let header = text.components(separatedBy: "\r\n")[0].components(separatedBy: ",")
            #expect(Array(header.prefix(columns.count)) == columns, "\(name).csv")
        }
    }

    @Test("challenges, mitigations and flags hold current submissions only")
    func currentOnly() throws {
        let output = try TestSupport.temporaryDirectory()
        _ = try ingest([sample("2022")], into: output)
        let superseded = try #require(try rows("SELECT submission_id FROM submissions WHERE status = 'superseded'", in: output)
            .first?["submission_id"] as String?)
        for name in ["challenges", "mitigations", "flags"] {
            let text = try String(contentsOf: output.appendingPathComponent("csv/\(name).csv"), encoding: .utf8)
            #expect(!text.contains(superseded), "\(name).csv")
        }
        let submissions = try String(contentsOf: output.appendingPathComponent("csv/submissions.csv"), encoding: .utf8)
        #expect(submissions.contains("\(superseded),SP-2020-004,2022"))
    }

    @Test("excel-da: semicolons, a UTF-8 BOM and decimal commas")
    func excelDanish() throws {
        let output = try TestSupport.temporaryDirectory()
        _ = try ingest([sample("2021/SP-2020-013.xml")], into: output, dialect: .excelDanish)
        let bytes = try Array(Data(contentsOf: output.appendingPathComponent("csv/submissions.csv")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("submission_id;project_id;round;"))
        let completeness = lines[1].components(separatedBy: ";")[15]
        #expect(completeness.hasPrefix("0,"))
    }

    @Test("datapackage.json describes every CSV: fields in header order, types, enums, keys")
    func dataPackageStructure() throws {
        let output = try TestSupport.temporaryDirectory()
        _ = try ingest([TestSupport.samplesDirectory.path], into: output)
        let data = try Data(contentsOf: output.appendingPathComponent("datapackage.json"))
        let package = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(package["profile"] as? String == "tabular-data-package")
        let resources = try #require(package["resources"] as? [[String: Any]])
        #expect(resources.compactMap { $0["name"] as? String } == ["submissions", "challenges", "mitigations", "flags", "rejected"])
        for resource in resources {
            let name = try #require(resource["name"] as? String)
            #expect(resource["path"] as? String == "csv/\(name).csv")
            let schema = try #require(resource["schema"] as? [String: Any])
            let fields = try #require(schema["fields"] as? [[String: Any]])
            let text = try String(contentsOf: output.appendingPathComponent("csv/\(name).csv"), encoding: .utf8)
            #expect(fields.compactMap { $0["name"] as? String } == text.components(separatedBy: "\r\n")[0].components(separatedBy: ","))
            let primaryKey = try #require(schema["primaryKey"] as? [String])
            #expect(!primaryKey.isEmpty)
        }
        let challenges = try #require(resources.first { $0["name"] as? String == "challenges" }?["schema"] as? [String: Any])
        let category = try #require((challenges["fields"] as? [[String: Any]])?.first { $0["name"] as? String == "category" })
        let constraints = try #require(category["constraints"] as? [String: Any])
        #expect(constraints["enum"] as? [String] == ["data", "infrastructure", "legal", "competencies", "operations",
                                                     "project-management", "vendor-management", "organisation", "ethics",
                                                     "finance", "other"])
        #expect(constraints["required"] as? Bool == true)
        let foreignKeys = try #require(challenges["foreignKeys"] as? [[String: Any]])
        #expect(foreignKeys.first?["fields"] as? [String] == ["submission_id"])
        #expect((foreignKeys.first?["reference"] as? [String: Any])?["resource"] as? String == "submissions")
        let round = try #require((challenges["fields"] as? [[String: Any]])?.first { $0["name"] as? String == "round" })
        #expect(round["type"] as? String == "integer")
    }

    @Test("the store opens again and passes SQLite's integrity check")
    func integrity() throws {
        let output = try TestSupport.temporaryDirectory()
        _ = try ingest([TestSupport.samplesDirectory.path], into: output)
        #expect(try IntakeStore(directory: output).integrityCheck() == "ok")
    }

    private func exportBytes(_ output: URL) throws -> [String: Data] {
        var bytes: [String: Data] = [:]
        for name in ["submissions", "challenges", "mitigations", "flags", "rejected"] {
            bytes[name] = try Data(contentsOf: output.appendingPathComponent("csv/\(name).csv"))
        }
        bytes["datapackage"] = try Data(contentsOf: output.appendingPathComponent("datapackage.json"))
        return bytes
    }
}
