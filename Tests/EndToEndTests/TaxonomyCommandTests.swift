import Foundation
import Testing

/// Runs the built `survey-intake taxonomy` and checks its output and exit status exactly.
@Suite("End to end: survey-intake taxonomy")
struct TaxonomyCommandTests {
    /// The package checkout (this file is Tests/EndToEndTests/TaxonomyCommandTests.swift).
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable SwiftPM built beside the test bundle.
    private static func executable() throws -> URL {
        let folders = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        let found = folders.map { $0.appendingPathComponent("survey-intake") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "survey-intake was not built beside the tests (looked in \(folders.map(\.path)))")
    }

    private static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = CommandRunner.environment()
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: err, as: UTF8.self))
    }

    @Test("classify prints code, method and text per text, with the shipped vocabularies")
    func classify() throws {
        let run = try Self.run(["taxonomy", "classify", "Manglende hjemmel", "Driftsoverdragelse", "Corona"])
        #expect(run.stdout == "legal.basis\tlabel\tManglende hjemmel\noperations.handover\tlabel\tDriftsoverdragelse\nother\tunmapped\tCorona\n")
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test("classify against another vocabulary: unknown text is - unmapped")
    func classifyPhases() throws {
        let schemas = Self.packageRoot.appendingPathComponent("schemas").path
        let run = try Self.run(["taxonomy", "classify", "--vocabulary", "phases", "--schemas", schemas, "Pilotdrift", "Sat på pause"])
        #expect(run.stdout == "pilot\ttext\tPilotdrift\n-\tunmapped\tSat på pause\n")
        #expect(run.status == 0)
    }

    @Test("taxonomy alone prints the tree: categories with their subcategories, labels in both languages")
    func tree() throws {
        let run = try Self.run(["taxonomy"])
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(run.status == 0)
        #expect(lines.first?.hasPrefix("data ") == true)
        #expect(lines.first?.hasSuffix(" Data / Data") == true)
        #expect(lines.contains { $0.hasPrefix("  legal.basis ") && $0.hasSuffix(" Hjemmel og forvaltningsret / Legal basis and administrative law") })
        #expect(lines.last?.hasPrefix("other ") == true)
    }

    @Test("check passes on the shipped vocabularies")
    func checkClean() throws {
        let run = try Self.run(["taxonomy", "check"])
        #expect(run.stdout == "8 vocabulary files checked: no problems.\n")
        #expect(run.status == 0)
    }

    @Test("check reports a synonym claimed by two categories and exits 1")
    func checkDuplicate() throws {
        let registry = FileManager.default.temporaryDirectory.appendingPathComponent("survey-intake-e2e-\(UUID().uuidString)")
        let folder = registry.appendingPathComponent("vocabularies")
        try FileManager.default.createDirectory(at: registry, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("schemas/vocabularies").resolvingSymlinksInPath(), to: folder)
        let challenges = folder.appendingPathComponent("challenges.xml")
        let original = try String(contentsOf: challenges, encoding: .utf8)
        let anchor = #"      <synonym lang="da">transparens</synonym>"#
        try #require(original.contains(anchor))
        try original.replacingOccurrences(of: anchor, with: anchor + #"<synonym>hjemmel</synonym>"#)
            .write(to: challenges, atomically: true, encoding: .utf8)

        let legalLine = try #require(original.components(separatedBy: "\n")
            .firstIndex { $0.contains(#"<synonym lang="da">hjemmel</synonym>"#) }) + 1

        let run = try Self.run(["taxonomy", "check", "--quiet", "--schemas", registry.path])
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(challenges.path + ":") == true)
        #expect(lines.first?.hasSuffix(#": error: the synonym "hjemmel" of ethics.transparency is also claimed by legal.basis ("hjemmel", line \#(legalLine))"#) == true)
        #expect(run.status == 1)
    }

    @Test("a --schemas folder without vocabularies is a setup error: exit 2")
    func missingVocabularies() throws {
        let run = try Self.run(["taxonomy", "classify", "--schemas", "/nonexistent", "Jura"])
        #expect(run.stdout == "")
        #expect(run.stderr == "survey-intake: error: /nonexistent/vocabularies: no vocabularies folder; expected the vocabulary files there\n")
        #expect(run.status == 2)
    }
}
