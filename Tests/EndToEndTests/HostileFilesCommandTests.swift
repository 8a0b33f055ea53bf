import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 13, items 7 and 8, on the built binary: symbolic-link loops end (and are reported),
/// file names that are not UTF-8 are checked and named with `\xHH`, from a folder walk and
/// from the command line.
@Suite("Hostile file names and folders, end to end")
struct HostileFilesCommandTests {
    private static let latin1Name: [UInt8] = Array("d".utf8) + [0xE6] + Array("rlig.xml".utf8)

    /// Runs the binary and stops it after `seconds` if it has not ended: a hang is a failure,
    /// not a test run that never ends.
    private func runBounded(_ arguments: [String], in directory: URL, seconds: Double = 30) throws -> CommandResult {
        let running = try CommandRunner.start(arguments, in: directory)
        let deadline = Date().addingTimeInterval(seconds)
        while running.process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if running.process.isRunning {
            kill(running.process.processIdentifier, SIGKILL)
            Issue.record("survey-intake \(arguments.joined(separator: " ")) still running after \(seconds) s")
        }
        return running.finish()
    }

    /// Runs `script` with `sh -c`, the binary as `$0`: a way to pass arguments that are not UTF-8.
    private func shell(_ script: String, in directory: URL) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, try CommandRunner.binary().path]
        process.environment = CommandRunner.environment()
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = ReadAll(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                             stderr: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// `root/inbox` with a valid file and `ln -s . a`, `ln -s . b` in it.
    private func loopingInbox() throws -> URL {
        let root = try CommandRunner.temporaryDirectory()
        let inbox = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try CommandRunner.fixture("format1-complete.xml").write(to: inbox.appendingPathComponent("ok.xml"), atomically: true, encoding: .utf8)
        try #require(symlink(".", inbox.appendingPathComponent("a").path) == 0)
        try #require(symlink(".", inbox.appendingPathComponent("b").path) == 0)
        return root
    }

    @Test("validate: `ln -s . a; ln -s . b` ends, the file is checked once, each loop a warning; exit 0")
    func validateLoops() throws {
        let root = try loopingInbox()
        let result = try runBounded(["validate", "inbox"], in: root)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            inbox/a:1:1: warning: leads back to inbox, a folder it is in (a symbolic-link loop): skipped
            inbox/b:1:1: warning: leads back to inbox, a folder it is in (a symbolic-link loop): skipped
            1 file checked: all valid.

            """)
        let danish = try runBounded(["validate", "--language", "da", "--quiet", "inbox"], in: root)
        #expect(danish.stdout == """
            inbox/a:1:1: warning: fører tilbage til inbox, en mappe, det selv ligger i (en løkke af symbolske links): springes over
            inbox/b:1:1: warning: fører tilbage til inbox, en mappe, det selv ligger i (en løkke af symbolske links): springes over

            """)
    }

    @Test("ingest: the same loops end, the file is stored once, the warnings on stderr; exit 0")
    func ingestLoops() throws {
        let root = try loopingInbox()
        let result = try runBounded(["ingest", "inbox", "--out", "data"], in: root)
        #expect(result.status == 0)
        #expect(result.stdout == "new: inbox/ok.xml\n1 new, 0 unchanged, 0 superseded, 0 rejected. Dataset: data/\n")
        #expect(result.stderr == """
            inbox/a:1:1: warning: leads back to inbox, a folder it is in (a symbolic-link loop): skipped
            inbox/b:1:1: warning: leads back to inbox, a folder it is in (a symbolic-link loop): skipped

            """)
    }

    @Test("a Latin-1 file name in a folder is checked and named with \\xHH, not skipped as 'all valid'")
    func latin1InFolder() throws {
        let root = try CommandRunner.temporaryDirectory()
        let inbox = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let result = try shell(": > \"inbox/$(printf 'd\\346rlig.xml')\" && exec \"$0\" validate inbox", in: root)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            inbox/d\\xE6rlig.xml:1:1: error: the file is empty
            1 file checked: 0 valid, 1 invalid (1 not-well-formed).

            """)
        // Ingest rejects it under the same name and quarantines a copy (named with the escapes).
        let ingest = try CommandRunner.run(["ingest", "inbox", "--out", "data", "--quarantine", "held"], in: root)
        #expect(ingest.status == 1)
        #expect(ingest.stdout == """
            rejected (not-well-formed): inbox/d\\xE6rlig.xml:1:1: the file is empty
            0 new, 0 unchanged, 0 superseded, 1 rejected. Dataset: data/

            """)
        let held = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("held").path).sorted()
        #expect(held == ["d\\xE6rlig.xml", "d\\xE6rlig.xml.errors.json"])
    }

    @Test("a Latin-1 file name on the command line is checked, not 'no such file'; ingest stores it under \\xHH")
    func latin1OnTheCommandLine() throws {
        let root = try CommandRunner.temporaryDirectory()
        let fixture = CommandRunner.packageRoot.appendingPathComponent("Tests/SurveyIntakeTests/Fixtures/format1-complete.xml").path
        let name = "\"$(printf 'd\\346rlig.xml')\""
        let validate = try shell("cp '\(fixture)' \(name) && exec \"$0\" validate \(name)", in: root)
        #expect(validate.status == 0)
        #expect(validate.stderr == "")
        #expect(validate.stdout == "1 file checked: all valid.\n")
        let ingest = try shell("exec \"$0\" ingest --out data \(name)", in: root)
        #expect(ingest.status == 0)
        #expect(ingest.stdout == "new: d\\xE6rlig.xml\n1 new, 0 unchanged, 0 superseded, 0 rejected. Dataset: data/\n")
        let csv = try String(contentsOf: root.appendingPathComponent("data/csv/submissions.csv"), encoding: .utf8)
        #expect(csv.contains(",d\\xE6rlig.xml,"))
    }
}
