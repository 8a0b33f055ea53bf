import Foundation
import Testing

/// Issue 13, item 11, on a real read-only mount: the dataset folder is bind-mounted read-only
/// onto itself in a mount namespace of its own (`unshare -m`), and `report`, `flags` and `show`
/// run inside it. The tests run as root, so file permissions would not stop SQLite: only a
/// read-only mount reproduces the failure ("unable to open database file"). Where this machine
/// allows no mount namespace the suite is skipped; `ReadOnlyDatasetTests` takes the same
/// fallback path directly.
@Suite("read-only datasets on a read-only mount, end to end", .serialized,
       .enabled(if: ReadOnlyMount.isAvailable, "needs unshare -m and mount --bind -o ro (root in a sandbox that allows it)"))
struct ReadOnlyMountCommandTests {
    /// Runs `survey-intake ARGUMENTS` with `folder` mounted read-only.
    private func runReadOnly(_ folder: URL, _ arguments: [String]) throws -> CommandResult {
        let script = #"mount --bind -o ro "$1" "$1" && touch "$1/probe" 2>/dev/null && exit 99; shift; exec "$@""#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ReadOnlyMount.unshare)
        process.arguments = ["-m", "sh", "-c", script, "sh", folder.path, try CommandRunner.binary().path] + arguments
        process.environment = CommandRunner.environment()
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorData = ReadAll(err.fileHandleForReading)
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                             stderr: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// The report's "Generated …" line names the moment it was written.
    private func withoutTimestamp(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Generated ") }.joined(separator: "\n")
    }

    private func dataset() throws -> URL {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2022").path
        let ingest = try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet"])
        try #require(ingest.status == 0, "ingest failed: \(ingest.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dataset.appendingPathComponent("intake.sqlite-wal").path))
        return dataset
    }

    @Test("report, flags and show read a dataset on a read-only mount, and say what they said on a writable one")
    func readersWorkReadOnly() throws {
        let dataset = try dataset()
        // Read-only first: a reader on the writable folder leaves the -shm file behind, with
        // which SQLite's ordinary read-only open succeeds even on a read-only mount.
        #expect(!FileManager.default.fileExists(atPath: dataset.appendingPathComponent("intake.sqlite-shm").path))
        let commands = [["report", "--out", dataset.path], ["flags", "--out", dataset.path],
                        ["flags", "--out", dataset.path, "--format", "csv"]]
        let readOnlyResults = try commands.map { try runReadOnly(dataset, $0) }
        for (arguments, readOnly) in zip(commands, readOnlyResults) {
            let writable = try CommandRunner.run(arguments)
            #expect(writable.status == 0, "\(arguments): \(writable.stderr)")
            #expect(readOnly.status == 0, "\(arguments) on a read-only mount: \(readOnly.stderr)")
            #expect(readOnly.stderr == writable.stderr)
            #expect(withoutTimestamp(readOnly.stdout) == withoutTimestamp(writable.stdout))
            #expect(readOnly.stdout.contains("SP-2020-018"))
        }
        // A submission of samples/2022 (SP-2020-018.xml), shown by its id.
        let id = "608e78ef-49cf-470a-9e3f-eaefbf82804e"
        let sample = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("samples/2022/SP-2020-018.xml"),
                                encoding: .utf8)
        try #require(sample.contains("submissionId=\"\(id)\""))
        // The readers above left the -shm file; no connection is open, so it may go.
        let shm = dataset.appendingPathComponent("intake.sqlite-shm")
        if FileManager.default.fileExists(atPath: shm.path) { try FileManager.default.removeItem(at: shm) }
        let shown = try runReadOnly(dataset, ["show", id, "--out", dataset.path])
        #expect(shown.status == 0, "show on a read-only mount: \(shown.stderr)")
        #expect(shown.stdout == (try CommandRunner.run(["show", id, "--out", dataset.path])).stdout)
    }

    @Test("a write-ahead log left with commits is not read past on a read-only mount: a clear error instead")
    func leftoverLogIsNotIgnored() throws {
        let dataset = try dataset()
        let log = dataset.appendingPathComponent("intake.sqlite-wal")
        // A -wal with content and no -shm, as a writer killed on another machine leaves it.
        try Data(repeating: 0, count: 4096).write(to: log)
        let readOnly = try runReadOnly(dataset, ["report", "--out", dataset.path])
        #expect(readOnly.status == 2)
        #expect(readOnly.stderr.contains("intake.sqlite-wal holds changes that are not yet in intake.sqlite"), "\(readOnly.stderr)")
        try FileManager.default.removeItem(at: log)
    }
}

enum ReadOnlyMount {
    static let unshare = "/usr/bin/unshare"

    /// Whether a read-only bind mount in a mount namespace of its own can be made here.
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: unshare) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unshare)
        let folder = FileManager.default.temporaryDirectory.path
        process.arguments = ["-m", "sh", "-c", #"mount --bind -o ro "$1" "$1" && ! touch "$1/.ro-probe-$$" 2>/dev/null"#, "sh", folder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}
