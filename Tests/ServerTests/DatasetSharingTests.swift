import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import SurveyModel
import SurveyStore
import SurveyService
@testable import SurveyServer

/// The front door and the command line on one dataset: the store's own transactions keep
/// them apart (WAL, a busy timeout), and the exports follow what the server stored.
@Suite struct DatasetSharingTests {
    /// SP-2020-001's 2022 report as sent again later: another submissionId, a later time, a new title.
    static func revision() throws -> [UInt8] {
        let text = String(decoding: try ServerFixture.sample("2022/SP-2020-001.xml"), as: UTF8.self)
            .replacingOccurrences(of: "e57225f4-c206-45c0-a256-19f53edfeaa7", with: "0b9f3c2e-7d41-4a8e-9c55-3e2f1a6b8d90")
            .replacingOccurrences(of: "2022-11-21T13:40:05+01:00", with: "2022-11-25T09:00:00+01:00")
            .replacingOccurrences(of: "</Title>", with: " (revideret)</Title>")
        return Array(text.utf8)
    }

    @Test func submissionsDuringAnIngestBothLand() async throws {
        let fixture = try ServerFixture()
        let folder = ServerFixture.repository.appendingPathComponent("samples/2022")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        let runner = IngestRunner(pipeline: ServerFixture.pipeline,
                                  options: .init(output: fixture.directory, jobs: 2, chunkSize: 1), toolVersion: "test")
        let ingest = Task.detached { try runner.run(files: files) }
        let revision = try Self.revision()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let response = try await client.api(revision, token: token)
            #expect(response.status == .created)
        }
        let summary = try await ingest.value
        #expect(summary.filesSeen == files.count)
        let store = try fixture.store()
        let item = try #require(try store.lookUp("0b9f3c2e-7d41-4a8e-9c55-3e2f1a6b8d90"))
        #expect(item.status == "current")
        #expect(item.history.map(\.submissionId) == ["e57225f4-c206-45c0-a256-19f53edfeaa7", "0b9f3c2e-7d41-4a8e-9c55-3e2f1a6b8d90"])
        #expect(item.origin.kind == .upload)
        #expect(try store.lookUp("e57225f4-c206-45c0-a256-19f53edfeaa7")?.status == "superseded")
    }

    @Test func theExportsFollowTheServerUnlessAnIngestHoldsTheDataset() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            _ = try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: fixture.tokens["SP-2020-001"])
        }
        let csv = fixture.directory.appendingPathComponent("csv/submissions.csv")
        do {
            let lock = try IngestLock(directory: fixture.directory, wait: false)
            #expect(try fixture.door.refreshExports() == false)
            withExtendedLifetime(lock) {}
        }
        #expect(!FileManager.default.fileExists(atPath: csv.path))
        #expect(try fixture.door.refreshExports() == true)
        let text = try String(contentsOf: csv, encoding: .utf8)
        #expect(text.contains("SP-2020-001"))
        // Nothing new: nothing written.
        #expect(try fixture.door.refreshExports() == false)
    }

    @Test func theServerKeepsTheDialectTheExportsAreIn() async throws {
        let fixture = try ServerFixture()
        let folder = ServerFixture.repository.appendingPathComponent("samples/2022")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        _ = try IngestRunner(pipeline: ServerFixture.pipeline,
                             options: .init(output: fixture.directory, jobs: 2, dialect: .excelDanish), toolVersion: "test")
            .run(files: files)
        try await fixture.test { client in
            let response = try await client.api(try Self.revision(), token: fixture.tokens["SP-2020-001"])
            #expect(response.status == .created)
        }
        #expect(try fixture.door.refreshExports() == true)
        let bytes = [UInt8](try Data(contentsOf: fixture.directory.appendingPathComponent("csv/submissions.csv")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("submission_id;"))
        #expect(text.contains("0b9f3c2e-7d41-4a8e-9c55-3e2f1a6b8d90"))
    }

    @Test func theExportsWaitForSubmissionsToPause() async throws {
        let fixture = try ServerFixture()
        let csv = fixture.directory.appendingPathComponent("csv/submissions.csv")
        let before = ContinuousClock.now
        try await fixture.test { client in
            let response = try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: fixture.tokens["SP-2020-001"])
            #expect(response.status == .created)
        }
        let after = ContinuousClock.now
        // Less than two seconds after the submission: another may follow, so not yet.
        #expect(try fixture.door.refreshExportsIfDue(at: before + .seconds(1)) == false)
        #expect(!FileManager.default.fileExists(atPath: csv.path))
        #expect(try fixture.door.refreshExportsIfDue(at: after + .seconds(2)) == true)
        #expect(try String(contentsOf: csv, encoding: .utf8).contains("SP-2020-001"))
        // Nothing new since: nothing written.
        #expect(try fixture.door.refreshExportsIfDue(at: after + .seconds(10)) == false)
    }

    @Test func underSustainedSubmissionsTheExportsLagAtMostHalfAMinute() {
        let schedule = ExportSchedule(quiet: .seconds(2), longest: .seconds(30))
        let start = ContinuousClock.now
        #expect(schedule.due(at: start) == nil, "no submission yet")
        var due: [Int] = []
        // A submission every second for 70 s, the schedule asked just after each.
        for second in 0..<70 {
            schedule.arrived(at: start + .seconds(second))
            if schedule.due(at: start + .seconds(second) + .milliseconds(500)) == true { due.append(second) }
        }
        #expect(due == [30, 61])
        // Then a pause: due two seconds after the last one.
        #expect(schedule.due(at: start + .seconds(70)) == false)
        #expect(schedule.due(at: start + .seconds(71)) == true)
        #expect(schedule.due(at: start + .seconds(72)) == nil)
    }
}
