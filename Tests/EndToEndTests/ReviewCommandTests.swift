import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyStore

/// `review` and `log` on the built binary (issue 17, items 1 and 6, the command-line side).
@Suite("review states and the audit log, end to end", .serialized)
struct ReviewCommandTests {
    static let first = "e57225f4-c206-45c0-a256-19f53edfeaa7"  // samples/2022/SP-2020-001.xml

    private func reviewStates(_ dataset: URL) throws -> [String: String] {
        let csv = try String(contentsOf: dataset.appendingPathComponent("csv/submissions.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let id = try #require(header.firstIndex(of: "submission_id"))
        let state = try #require(header.firstIndex(of: "review_state"))
        return Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[id], $0[state]) })
    }

    @Test("a review state is kept with who and why, survives re-ingest and rebuild, is exported and logged")
    func reviewSurvives() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2022").path
        #expect(try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet"]).status == 0)
        #expect(try reviewStates(dataset)[Self.first] == "received")

        let reviewed = try CommandRunner.run(["review", Self.first, "--state", "has-issues", "--comment", "Mangler plan for drift",
                                              "--analyst", "Karen Analytiker", "--out", dataset.path])
        #expect(reviewed.status == 0, "\(reviewed.stderr)")
        #expect(reviewed.stdout == "1 submission now has-issues (by Karen Analytiker).\n")
        // The exports show it at once, not only after the next ingest.
        #expect(try reviewStates(dataset)[Self.first] == "has-issues")
        #expect(try CommandRunner.run(["review", Self.first, "--state", "approved", "--analyst", "Karen Analytiker",
                                       "--out", dataset.path]).status == 0)

        // Kept across a re-ingest (which rewrites the exports) and a rebuild.
        #expect(try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet"]).status == 0)
        #expect(try CommandRunner.run(["rebuild", "--out", dataset.path]).status == 0)
        let states = try reviewStates(dataset)
        #expect(states[Self.first] == "approved")
        #expect(states.values.filter { $0 == "received" }.count == states.count - 1)
        let store = try IntakeStore(readingFrom: dataset)
        #expect(try store.reviews(of: Self.first).map(\.state) == [.hasIssues, .approved])
        #expect(try store.reviews(of: Self.first).first?.comment == "Mangler plan for drift")

        let log = try CommandRunner.run(["log", "--out", dataset.path])
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("Karen Analytiker  review has-issues  \(Self.first): Mangler plan for drift") == true)
    }

    @Test("--round and --project review every current submission they choose at once")
    func reviewMany() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2022").path
        #expect(try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet"]).status == 0)
        let two = try CommandRunner.run(["review", "--round", "2022", "--project", "SP-2020-001", "--project", "sp-2020-002",
                                         "--state", "approved", "--analyst", "Karen", "--out", dataset.path])
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout == "2 submissions now approved (by Karen).\n")
        let states = try reviewStates(dataset)
        #expect(states.values.filter { $0 == "approved" }.count == 2)
        #expect(states[Self.first] == "approved")

        let all = try CommandRunner.run(["review", "--round", "2022", "--state", "has-issues", "--out", dataset.path])
        #expect(all.status == 0)
        let store = try IntakeStore(readingFrom: dataset)
        let current = try store.currentSubmissionIds(round: 2022, projects: [])
        #expect(all.stdout.hasPrefix("\(current.count) submissions now has-issues"))
        #expect(try reviewStates(dataset).filter { current.contains($0.key) }.values.allSatisfy { $0 == "has-issues" })

        #expect(try CommandRunner.run(["review", "--round", "1999", "--state", "approved", "--out", dataset.path]).status == 2)
        #expect(try CommandRunner.run(["review", Self.first, "--round", "2022", "--state", "approved", "--out", dataset.path]).status == 2)
    }

    @Test("an unknown id records nothing and exits 2 naming it")
    func unknownId() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2022").path
        #expect(try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet"]).status == 0)
        let result = try CommandRunner.run(["review", Self.first, "no-such-id", "--state", "approved", "--out", dataset.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'no-such-id'"))
        #expect(try IntakeStore(readingFrom: dataset).reviews(of: Self.first).isEmpty)
        #expect(try CommandRunner.run(["review", Self.first, "--state", "done", "--out", dataset.path]).status == 2)
    }
}
