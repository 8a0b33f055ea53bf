import Foundation
import GRDB
import Testing
@testable import SurveyIntake
@testable import SurveyModel
@testable import SurveyStore

@Suite("survey-intake ingest, end to end", .serialized)
struct IngestCommandTests {
    /// `count` distinct valid format-1 submissions made from the 2021 samples (new project ids).
    private func batch(_ count: Int) throws -> URL {
        let folder = try CommandRunner.temporaryDirectory().appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2021")
        let names = try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted()
        let texts = try names.map { try String(contentsOf: samples.appendingPathComponent($0), encoding: .utf8) }
        for index in 0..<count {
            var text = texts[index % texts.count]
            let id = String(format: "SP-%04d-%03d", 3000 + index / 1000, index % 1000)
            if let open = text.range(of: "<ProjektID>"), let close = text.range(of: "</ProjektID>") {
                text.replaceSubrange(open.upperBound..<close.lowerBound, with: id)
            }
            try text.write(to: folder.appendingPathComponent(String(format: "%05d.xml", index)), atomically: false, encoding: .utf8)
        }
        return folder
    }

    private func csv(_ output: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in ["submissions", "challenges", "mitigations", "flags", "rejected"] {
            files[name] = try String(contentsOf: output.appendingPathComponent("csv/\(name).csv"), encoding: .utf8)
        }
        return files
    }

    @Test("the samples: the rejections only under --quiet, exit 1 because of samples/invalid, then nothing new but still exit 1")
    func samples() throws {
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples").path
        let first = try CommandRunner.run(["ingest", samples, "--out", output.path, "--quiet"])
        #expect(first.status == 1)
        // --quiet: the rejections, no summary.
        #expect(first.stdout.hasSuffix("rejected (schema-invalid): \(samples)/invalid/15-severity-critical.xml:17:5: the attribute "
            + "severity of <Challenge> has the value \"critical\"; expected low, medium or high\n"))
        #expect(!first.stdout.contains("Dataset:"))
        #expect(first.stderr == "")
        let second = try CommandRunner.run(["ingest", samples, "--out", output.path])
        // The broken files are still there, unchanged: still rejected, so still exit 1 (interface.md).
        #expect(second.status == 1)
        #expect(second.stdout == "0 new, 84 unchanged, 0 superseded, 0 rejected (15 unchanged files still rejected). "
            + "Dataset: \(output.path)/\n")
        for file in ["intake.sqlite", "datapackage.json", "csv/submissions.csv", "csv/rejected.csv"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(file)")
        }
    }

    @Test("--quarantine copies each rejected file with NAME.errors.json; the inputs are untouched")
    func quarantine() throws {
        let root = try CommandRunner.temporaryDirectory()
        let invalid = CommandRunner.packageRoot.appendingPathComponent("samples/invalid")
        let before = try FileManager.default.contentsOfDirectory(atPath: invalid.path).sorted()
        let result = try CommandRunner.run(["ingest", invalid.path, "--out", "data", "--quarantine", "held"], in: root)
        #expect(result.status == 1)
        let held = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("held").path).sorted()
        #expect(held.count == 30)
        let sidecar = try Data(contentsOf: root.appendingPathComponent("held/09-alvorlighed-as-text.xml.errors.json"))
        let json = try #require(JSONSerialization.jsonObject(with: sidecar) as? [String: Any])
        #expect(json["reason"] as? String == "schema-invalid")
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] as? Int == 23)
        #expect(try FileManager.default.contentsOfDirectory(atPath: invalid.path).sorted() == before)
    }

    @Test("killed with SIGKILL mid-ingest, then rerun: the same dataset as one uninterrupted run")
    func killedAndRerun() throws {
        let inbox = try batch(900)
        let reference = try CommandRunner.temporaryDirectory().appendingPathComponent("reference")
        #expect(try CommandRunner.run(["ingest", inbox.path, "--out", reference.path]).status == 0)

        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("killed")
        for delay in [0.15, 0.4, 0.8] {
            let process = Process()
            process.executableURL = try CommandRunner.binary()
            process.arguments = ["ingest", inbox.path, "--out", output.path, "--quiet"]
            process.environment = CommandRunner.environment()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let rerun = try CommandRunner.run(["ingest", inbox.path, "--out", output.path])
        #expect(rerun.status == 0)
        #expect(try csv(output) == csv(reference))
        #expect(try IntakeStore(directory: output).integrityCheck() == "ok")
    }

    @Test("SIGINT and SIGTERM stop at a chunk boundary, say so (in English, in Danish), record the run as interrupted, exit 130/143; a rerun finishes",
          arguments: zip([SIGINT, SIGTERM], ["en", "da"]))
    func interrupted(signal: Int32, language: String) throws {
        let inbox = try batch(2_000)
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let running = try CommandRunner.start(["ingest", inbox.path, "--out", output.path, "--jobs", "1", "--quiet",
                                               "--language", language])
        // Signal once the first chunk is committed (seen through the store, as any reader would).
        let deadline = Date().addingTimeInterval(60)
        var stored = 0
        while Date() < deadline, running.process.isRunning, stored == 0 {
            Thread.sleep(forTimeInterval: 0.05)
            guard FileManager.default.fileExists(atPath: output.appendingPathComponent("intake.sqlite").path) else { continue }
            // The ingest creates and migrates the store while this polls: wait for its locks.
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: output.appendingPathComponent("intake.sqlite").path, configuration: configuration)
            stored = try queue.read { db in
                try db.tableExists("source_files") ? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source_files") ?? 0 : 0
            }
        }
        try #require(stored > 0 && running.process.isRunning, "the ingest ended before its first chunk was seen")
        kill(running.process.processIdentifier, signal)
        let result = running.finish()
        #expect(result.status == 128 + signal)
        let name = signal == SIGTERM ? "SIGTERM" : "SIGINT"
        if language == "da" {
            #expect(result.stderr.contains("survey-intake: afbrudt (\(name)) efter "))
            #expect(result.stderr.contains(" af 2000 filer; det indlæste er gemt og eksporteret. Kør samme kommando igen for at gøre det færdigt."))
        } else {
            #expect(result.stderr.contains("survey-intake: interrupted (\(name)) after "))
            #expect(result.stderr.contains(" of 2000 files; what was taken in is stored and exported. Run the same command again to finish."))
        }
        let queue = try DatabaseQueue(path: output.appendingPathComponent("intake.sqlite").path)
        let run = try queue.read { db in try Row.fetchOne(db, sql: "SELECT interrupted, new FROM ingest_runs ORDER BY id DESC") }
        #expect(run?["interrupted"] == 1)
        let taken: Int = try #require(run?["new"])
        #expect(taken > 0 && taken < 2_000 && taken % 256 == 0, "\(taken) files, a whole number of chunks")
        let submissions = try String(contentsOf: output.appendingPathComponent("csv/submissions.csv"), encoding: .utf8)
        #expect(submissions.split(separator: "\r\n").count == taken + 1, "the exports hold what was stored")

        let rerun = try CommandRunner.run(["ingest", inbox.path, "--out", output.path])
        #expect(rerun.status == 0)
        #expect(rerun.stdout.hasSuffix("\(2_000 - taken) new, \(taken) unchanged, 0 superseded, 0 rejected. Dataset: \(output.path)/\n"))
    }

    @Test("a second ingest on the same folder waits for the first, or stops with --no-wait")
    func concurrentIngests() throws {
        let root = try CommandRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        // The test holds the lock itself (another open file description, as another ingest
        // would) until the waiting ingest has said that it waits: no timing guess, which a slow
        // start under a sanitizer or a loaded machine used to miss.
        let lock = open(root.appendingPathComponent("data/.ingest.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(lock >= 0)
        defer { close(lock) }
        try #require(flock(lock, LOCK_EX) == 0)
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2021").path

        let refused = try CommandRunner.run(["ingest", samples, "--out", "data", "--no-wait"], in: root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("another survey-intake ingest is writing to this dataset"))

        let waiting = try CommandRunner.start(["ingest", samples, "--out", "data"], in: root)
        let said = waiting.waitForStderr(containing: "waiting for another ingest on data to finish", timeout: 120)
        flock(lock, LOCK_UN)
        let waited = waiting.finish()
        #expect(said)
        #expect(waited.status == 0)
        #expect(waited.stdout.hasSuffix("40 new, 0 unchanged, 0 superseded, 0 rejected. Dataset: data/\n"))
    }

    @Test("two ingests started together: nothing doubled, the store intact")
    func twoAtOnce() throws {
        let inbox = try batch(300)
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let results = ResultsBox()
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            Thread.detachNewThread {
                do {
                    results.append(try CommandRunner.run(["ingest", inbox.path, "--out", output.path]))
                } catch {
                    results.fail("\(error)")
                }
                group.leave()
            }
        }
        group.wait()
        #expect(results.failures == [])
        #expect(results.values.map(\.status) == [0, 0])
        let summaries = results.values.map { $0.stdout.components(separatedBy: "\n").dropLast().last ?? "" }.sorted()
        #expect(summaries == [
            "0 new, 300 unchanged, 0 superseded, 0 rejected. Dataset: \(output.path)/",
            "300 new, 0 unchanged, 0 superseded, 0 rejected. Dataset: \(output.path)/",
        ])
        #expect(try IntakeStore(directory: output).integrityCheck() == "ok")
    }
}

final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [CommandResult] = []
    private(set) var failures: [String] = []

    func append(_ result: CommandResult) {
        lock.lock()
        defer { lock.unlock() }
        values.append(result)
    }

    func fail(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        failures.append(message)
    }
}
