import Foundation
import Testing

/// Runs the built `survey-intake` binary and captures what a user would see.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CommandRunner {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary SwiftPM built beside this test bundle.
    static func binary() throws -> URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("survey-intake")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        let debug = packageRoot.appendingPathComponent(".build/debug/survey-intake")
        try #require(FileManager.default.isExecutableFile(atPath: debug.path), "build survey-intake first")
        return debug
    }

    /// The environment every run of the binary gets: this process's, with the language pinned to
    /// English (LANG=C.UTF-8, no LC_ALL or LC_MESSAGES), so that the English expectations hold
    /// whatever the machine's locale; then `overrides` (LANG=da_DK.UTF-8 for a Danish run).
    static func environment(_ overrides: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
        return environment.merging(overrides) { $1 }
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                    input: String? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = Self.environment(environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Read both pipes fully before waiting, so a large output never blocks the child.
        let errorData = ReadAll(err.fileHandleForReading)
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// Starts the binary with its output going to files, for a test that watches it run.
    static func start(_ arguments: [String], in directory: URL? = nil) throws -> RunningCommand {
        let folder = try temporaryDirectory()
        let stdout = folder.appendingPathComponent("stdout"), stderr = folder.appendingPathComponent("stderr")
        try #require(FileManager.default.createFile(atPath: stdout.path, contents: nil))
        try #require(FileManager.default.createFile(atPath: stderr.path, contents: nil))
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.environment = environment()
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return RunningCommand(process: process, stdout: stdout, stderr: stderr)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("survey-intake-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("Tests/SurveyIntakeTests/Fixtures/\(name)"), encoding: .utf8)
    }
}

/// Reads a pipe to its end on a background thread.
final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A command started by `CommandRunner.start`, its output in files.
struct RunningCommand {
    let process: Process
    let stdout: URL
    let stderr: URL

    /// Whether standard error says `text` within `timeout` seconds (polled every 50 ms).
    func waitForStderr(containing text: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if Self.contents(of: stderr).contains(text) { return true }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Waits for the command to end and returns what it printed.
    func finish() -> CommandResult {
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: Self.contents(of: stdout), stderr: Self.contents(of: stderr))
    }

    /// The file's text, read with read(2): FoundationEssentials' `FileManager.contents(atPath:)`
    /// leaks a 4 KiB buffer each time it reads an empty file (seen by LeakSanitizer), and this
    /// file is polled while still empty.
    private static func contents(of url: URL) -> String {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
