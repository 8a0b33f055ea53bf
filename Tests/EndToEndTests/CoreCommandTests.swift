import Foundation
import GRDB
import Testing

/// The core's promises, on the built binary: originals given back byte for byte after the inputs
/// are gone, `rebuild` applying a vocabulary edit to what is stored, and a category added to a
/// copy of the vocabularies reaching the CSV, the Data Package, the report and the letters.
@Suite("show, rebuild and the vocabularies as the single source, end to end", .serialized)
struct CoreCommandTests {
    /// A format-1 submission with one challenge labelled `label` and one no taxonomy can place.
    private func submission(label: String, project: String = "SP-2021-090") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Statusrapport xmlns="urn:signaturprojekter:statusrapport:1" version="1.0">
          <Rapportaar>2021</Rapportaar>
          <Indsendt>2021-11-20T10:00:00+01:00</Indsendt>
          <Projekt>
            <ProjektID>\(project)</ProjektID>
            <Titel>Grøn ruteplanlægning</Titel>
            <Myndighed><Navn>Testrup Kommune</Navn><Type>kommune</Type></Myndighed>
            <Omraade>Klima og energi</Omraade>
            <Fase>Afprøvning</Fase>
          </Projekt>
          <Projektleder><Navn>Gitte Grøn</Navn><Email>gitte@testrup.dk</Email></Projektleder>
          <Udfordringer>
            <Udfordring>
              <Kategori>\(label)</Kategori>
              <Beskrivelse>Ruterne skulle også tage hensyn til CO2-udledningen.</Beskrivelse>
              <Alvorlighed>3</Alvorlighed>
              <Loest>nej</Loest>
            </Udfordring>
            <Udfordring>
              <Kategori>Corona</Kategori>
              <Beskrivelse>Møderne blev aflyst.</Beskrivelse>
              <Alvorlighed>2</Alvorlighed>
              <Loest>ja</Loest>
              <Tiltag>Vi holdt møderne online.</Tiltag>
            </Udfordring>
          </Udfordringer>
          <GenerelleTiltag><Tiltag>Tidlig dialog med driften</Tiltag></GenerelleTiltag>
        </Statusrapport>
        """
    }

    /// A copy of the shipped registry whose challenge taxonomy has one more category.
    private func registryWithSustainability() throws -> URL {
        let copy = try CommandRunner.temporaryDirectory().appendingPathComponent("schemas")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("schemas").resolvingSymlinksInPath(), to: copy)
        let file = copy.appendingPathComponent("vocabularies/challenges.xml")
        var text = try String(contentsOf: file, encoding: .utf8)
        let entry = """
              <entry code="sustainability" priority="55">
                <label da="Bæredygtighed" en="Sustainability"/>
                <description>Climate, energy and environmental impact of the solution.</description>
                <synonym lang="da">bæredygtighed</synonym>
                <synonym lang="en">sustainability</synonym>
              </entry>

            """
        let anchor = try #require(text.range(of: "  <entry code=\"other\""))
        text.insert(contentsOf: entry, at: anchor.lowerBound)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return copy
    }

    private func csv(_ name: String, in dataset: URL) throws -> [[String]] {
        try String(contentsOf: dataset.appendingPathComponent("csv/\(name).csv"), encoding: .utf8)
            .split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("show --original gives back the exact bytes of an accepted and a rejected file after the inputs are deleted")
    func originals() throws {
        let inbox = try CommandRunner.temporaryDirectory().appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let accepted = Array(submission(label: "Jura").utf8)
        // Not well-formed, with bytes no text tool would keep: a BOM, CR LF, a stray NUL-free Latin-1 byte.
        let rejected: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<Statusrapport>\r\n<a>\u{00}".utf8.filter { $0 != 0 }) + [0xE6, 0x0A]
        try Data(accepted).write(to: inbox.appendingPathComponent("good.xml"))
        try Data(rejected).write(to: inbox.appendingPathComponent("bad.xml"))
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let ingest = try CommandRunner.run(["ingest", inbox.path, "--out", dataset.path, "--quiet"])
        #expect(ingest.status == 1)
        try FileManager.default.removeItem(at: inbox)

        let submissions = try csv("submissions", in: dataset)
        let header = try #require(submissions.first)
        let row = try #require(submissions.dropFirst().first)
        let id = row[try #require(header.firstIndex(of: "submission_id"))]
        let shown = try CommandRunner.run(["show", id, "--out", dataset.path, "--original"])
        #expect(shown.status == 0)
        #expect(Array(shown.stdout.utf8) == accepted)

        let rejectedRow = try #require(try csv("rejected", in: dataset).dropFirst().first)
        let sha256 = rejectedRow[1]
        let raw = try rawOutput(["show", String(sha256.prefix(12)), "--out", dataset.path, "--original"])
        #expect(raw == rejected)

        let text = try CommandRunner.run(["show", id, "--out", dataset.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("  project:      SP-2021-090 round 2021\n"))
        #expect(text.stdout.contains("  status:       current\n"))
        #expect(text.stdout.contains("  original:     kept"))

        let unknown = try CommandRunner.run(["show", "no-such-id", "--out", dataset.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no submission or file no-such-id in \(dataset.path)"))
    }

    /// The binary's standard output as bytes (the bytes of a rejected file need not be UTF-8).
    private func rawOutput(_ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = try CommandRunner.binary()
        process.arguments = arguments
        process.environment = CommandRunner.environment()
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(data)
    }

    @Test("rebuild after a vocabulary edit changes the categories and flags, and nothing else")
    func rebuildFollowsTheVocabularies() throws {
        let inbox = try CommandRunner.temporaryDirectory().appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try submission(label: "Bæredygtighed").write(to: inbox.appendingPathComponent("green.xml"), atomically: true, encoding: .utf8)
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        #expect(try CommandRunner.run(["ingest", inbox.path, "--out", dataset.path, "--quiet"]).status == 0)
        try FileManager.default.removeItem(at: inbox)

        let challengesBefore = try csv("challenges", in: dataset)
        let category = try #require(challengesBefore.first?.firstIndex(of: "category"))
        let source = try #require(challengesBefore.first?.firstIndex(of: "category_source"))
        #expect(challengesBefore[1][category] == "other")
        #expect(challengesBefore[1][source] == "unmapped")
        let flagsBefore = try csv("flags", in: dataset)
        let field = try #require(flagsBefore.first?.firstIndex(of: "field"))
        #expect(flagsBefore.dropFirst().map { $0[field] }.contains("challenges[1].category"))
        let submissionsBefore = try String(contentsOf: dataset.appendingPathComponent("csv/submissions.csv"), encoding: .utf8)
        let rejectedBefore = try String(contentsOf: dataset.appendingPathComponent("csv/rejected.csv"), encoding: .utf8)

        let rebuild = try CommandRunner.run(["rebuild", "--out", dataset.path, "--schemas", try registryWithSustainability().path])
        #expect(rebuild.status == 0)
        #expect(rebuild.stdout == "1 rebuilt, 1 changed, 0 kept as they were. Dataset: \(dataset.path)/\n")

        let challengesAfter = try csv("challenges", in: dataset)
        #expect(challengesAfter[1][category] == "sustainability")
        #expect(challengesAfter[1][source] == "label")
        #expect(challengesAfter[2] == challengesBefore[2])
        let flagsAfter = try csv("flags", in: dataset)
        #expect(!flagsAfter.dropFirst().map { $0[field] }.contains("challenges[1].category"))
        #expect(flagsAfter.dropFirst().map { $0[field] }.contains("challenges[2].category"))
        // Identity and everything not derived from the vocabularies: unchanged, except the
        // flag count and completeness that follow the flags.
        let submissionsAfter = try String(contentsOf: dataset.appendingPathComponent("csv/submissions.csv"), encoding: .utf8)
        let before = submissionsBefore.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let after = submissionsAfter.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = before[0].map(String.init)
        for (index, name) in header.enumerated() where !["completeness", "flag_count"].contains(name) {
            #expect(after[1][index] == before[1][index], "\(name)")
        }
        #expect(try String(contentsOf: dataset.appendingPathComponent("csv/rejected.csv"), encoding: .utf8) == rejectedBefore)
    }

    @Test("a category added to a copy of the vocabularies reaches the CSV, a valid Data Package, the report and the letters")
    func addedCategoryFlowsEverywhere() throws {
        let registry = try registryWithSustainability()
        let inbox = try CommandRunner.temporaryDirectory().appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try submission(label: "Bæredygtighed").write(to: inbox.appendingPathComponent("green.xml"), atomically: true, encoding: .utf8)
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let ingest = try CommandRunner.run(["ingest", inbox.path, "--out", dataset.path, "--schemas", registry.path, "--quiet"])
        #expect(ingest.status == 0)

        let challenges = try csv("challenges", in: dataset)
        let category = try #require(challenges.first?.firstIndex(of: "category"))
        #expect(challenges[1][category] == "sustainability")
        let evidence = try #require(challenges.first?.firstIndex(of: "category_evidence"))
        #expect(challenges[1][evidence].contains("bæredygtighed"), "\(challenges[1][evidence])")
        #expect(challenges[2][evidence] == "", "an unplaced label has no evidence")

        let package = try String(contentsOf: dataset.appendingPathComponent("datapackage.json"), encoding: .utf8)
        #expect(package.contains("\"sustainability\""))
        let frictionless = try Frictionless.validate(dataset.appendingPathComponent("datapackage.json"))
        #expect(frictionless.status == 0, "\(frictionless.output)")

        let report = try CommandRunner.run(["report", "--out", dataset.path, "--schemas", registry.path])
        #expect(report.status == 0)
        #expect(report.stdout.contains("| Sustainability | 1 |"))

        let letters = try CommandRunner.temporaryDirectory().appendingPathComponent("letters")
        let flags = try CommandRunner.run(["flags", "--out", dataset.path, "--schemas", registry.path,
                                           "--letters", letters.path, "--quiet"])
        #expect(flags.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: letters.path)
        #expect(names == ["gitte@testrup.dk.eml"])
        let letter = try String(contentsOf: letters.appendingPathComponent(names[0]), encoding: .utf8)
            .replacingOccurrences(of: "\r\n", with: " ")
        #expect(letter.contains("bæredygtighed (sustainability)"))
    }
}

extension CoreCommandTests {
    @Test("a dataset folder whose store is lost or emptied is an error naming it, unless --fresh (issue 13, item 10)")
    func lostStore() throws {
        let inbox = try CommandRunner.temporaryDirectory().appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try "<a/>".write(to: inbox.appendingPathComponent("x.xml"), atomically: true, encoding: .utf8)
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2021").path
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        #expect(try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet"]).status == 0)
        let submissions = dataset.appendingPathComponent("csv/submissions.csv")
        let exported = try String(contentsOf: submissions, encoding: .utf8)
        for (what, damage) in [("is missing", { try FileManager.default.removeItem(at: dataset.appendingPathComponent("intake.sqlite")) }),
                               ("is empty", { try Data().write(to: dataset.appendingPathComponent("intake.sqlite")) })] as [(String, () throws -> Void)] {
            try damage()
            for suffix in ["-wal", "-shm"] {
                let file = dataset.appendingPathComponent("intake.sqlite" + suffix)
                if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
            }
            let refused = try CommandRunner.run(["ingest", inbox.path, "--out", dataset.path])
            #expect(refused.status == 2)
            #expect(refused.stderr.hasPrefix("survey-intake: error: \(dataset.path)/intake.sqlite \(what), but \(dataset.path) holds exports"))
            #expect(refused.stderr.contains("--fresh"))
            #expect(try String(contentsOf: submissions, encoding: .utf8) == exported, "the exports are left as they were")
        }
        let fresh = try CommandRunner.run(["ingest", inbox.path, "--out", dataset.path, "--fresh", "--quiet"])
        #expect(fresh.status == 1)
        #expect(fresh.stdout.hasPrefix("rejected (unknown-questionnaire)"))
    }
}

extension CoreCommandTests {
    @Test("one identity per file: the same files named relatively, absolutely and through ./ are one set (issue 14, item 10)")
    func oneIdentityPerFile() throws {
        let root = try CommandRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("samples/2021"),
                                         to: root.appendingPathComponent("inbox"))
        let dataset = root.appendingPathComponent("data")
        let first = try CommandRunner.run(["ingest", "inbox", "--out", "data"], in: root)
        #expect(first.status == 0)
        #expect(first.stdout.hasSuffix("40 new, 0 unchanged, 0 superseded, 0 rejected. Dataset: data/\n"))
        for named in [root.appendingPathComponent("inbox").path, "./inbox", "inbox/../inbox"] {
            let again = try CommandRunner.run(["ingest", named, "--out", "data"], in: root)
            #expect(again.status == 0, "\(named)")
            #expect(again.stdout == "0 new, 40 unchanged, 0 superseded, 0 rejected. Dataset: data/\n", "\(named)")
        }
        let queue = try DatabaseQueue(path: dataset.appendingPathComponent("intake.sqlite").path)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source_files") } == 40)
        // The submissions keep the name the file was given when it was taken in.
        let names = try queue.read { db in try String.fetchAll(db, sql: "SELECT source_file FROM submissions ORDER BY source_file") }
        #expect(names.first == "inbox/SP-2020-001.xml")
    }
}

/// `frictionless validate`, as CI installs it (`.ci/run`; `pip install frictionless` by hand).
enum Frictionless {
    static func validate(_ descriptor: URL) throws -> (status: Int32, output: String) {
        let candidates = ["/usr/local/bin/frictionless", "/usr/bin/frictionless"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/frictionless" }
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "frictionless is not installed: pip install frictionless (.ci/run does)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["validate", descriptor.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
