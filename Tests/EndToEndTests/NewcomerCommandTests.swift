import Foundation
import Testing

/// Issue 14: what a new analyst trips over — honest exit codes, errors a person can read, help
/// that says what the tool does.
@Suite("issue 14: a newcomer's first runs, end to end", .serialized)
struct NewcomerCommandTests {
    /// A folder holding a copy of the samples and the dataset ingested from them (`data`), so
    /// every path in the output is relative and the same on every run.
    private func workspace() throws -> URL {
        let root = try CommandRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("samples"),
                                         to: root.appendingPathComponent("samples"))
        let ingest = try CommandRunner.run(["ingest", "samples", "--out", "data", "--quiet"], in: root,
                                           environment: ["SOURCE_DATE_EPOCH": "1669885200"])
        try #require(ingest.status == 1, "samples/invalid is rejected on purpose")
        return root
    }

    // MARK: item 4

    @Test("a folder with no *.xml: ingest and validate exit 2 naming it, nothing written (en, da)")
    func emptyFolder() throws {
        let root = try CommandRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try Data("not xml".utf8).write(to: root.appendingPathComponent("empty/notes.txt"))
        let ingest = try CommandRunner.run(["ingest", "empty/", "--out", "data"], in: root)
        #expect(ingest.status == 2)
        #expect(ingest.stdout == "")
        #expect(ingest.stderr == "survey-intake: error: empty/: no *.xml files in this folder or below it; nothing to ingest. "
            + "Check the path\n")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("data").path))
        let validate = try CommandRunner.run(["validate", "empty"], in: root)
        #expect(validate.status == 2)
        #expect(validate.stdout == "")
        #expect(validate.stderr == "survey-intake: error: empty: no *.xml files in this folder or below it; nothing to check. "
            + "Check the path\n")
        let danish = try CommandRunner.run(["validate", "--language", "da", "empty"], in: root)
        #expect(danish.status == 2)
        #expect(danish.stderr == "survey-intake: fejl: empty: ingen *.xml-filer i mappen eller dens undermapper; "
            + "intet at kontrollere. Tjek stien\n")
    }

    @Test("flags --project/--round and report --round naming what the dataset lacks: exit 2, and what it has")
    func unknownFilters() throws {
        let root = try workspace()
        let round = try CommandRunner.run(["flags", "--out", "data", "--round", "1999"], in: root)
        #expect(round.status == 2)
        #expect(round.stdout == "")
        #expect(round.stderr == "survey-intake: error: --round 1999: the dataset in data has no submissions for that round; "
            + "it has the rounds 2021, 2022\n")
        let projects = (1...40).map { "SP-\($0 <= 20 ? 2020 : 2021)-" + String(format: "%03d", $0) }.joined(separator: ", ")
        let project = try CommandRunner.run(["flags", "--out", "data", "--project", "SP-9999-999"], in: root)
        #expect(project.status == 2)
        #expect(project.stderr == "survey-intake: error: --project SP-9999-999: the dataset in data has no submissions for "
            + "that project; it has the projects \(projects)\n")
        let danish = try CommandRunner.run(["flags", "--out", "data", "--round", "1999", "--language", "da"], in: root)
        #expect(danish.stderr == "survey-intake: fejl: --round 1999: datasættet i data har ingen indberetninger fra den runde; "
            + "det har runderne 2021, 2022\n")
        let report = try CommandRunner.run(["report", "--out", "data", "--round", "2023"], in: root)
        #expect(report.status == 2)
        #expect(report.stdout == "")
        #expect(report.stderr == "survey-intake: error: --round 2023: the dataset in data has no submissions for that round; "
            + "it has the rounds 2021, 2022\n")
        // A project id in lower case is the same project; a round it has still lists.
        let known = try CommandRunner.run(["flags", "--out", "data", "--round", "2022", "--project", "sp-2020-016"], in: root)
        #expect(known.status == 0)
        #expect(known.stdout.hasSuffix("3 findings (3 open) in 1 submission of 1 project, 1 project lead.\n"))
    }

    // MARK: item 8

    @Test("--out naming a file, a folder below a file, a folder that cannot be made; report --output a folder: plain words, exit 2")
    func plainErrors() throws {
        let root = try workspace()
        try Data().write(to: root.appendingPathComponent("afile"))
        let file = try CommandRunner.run(["ingest", "samples/2021", "--out", "afile"], in: root)
        #expect(file.status == 2)
        #expect(file.stdout == "")
        #expect(file.stderr == "survey-intake: error: --out afile: is a file, not a folder; name a folder (it is created when absent)\n")
        let below = try CommandRunner.run(["ingest", "samples/2021", "--out", "afile/data", "--language", "da"], in: root)
        #expect(below.status == 2)
        #expect(below.stderr == "survey-intake: error: --out afile/data: kan ikke oprettes, fordi afile er en fil; angiv en anden mappe\n")
        // A folder whose parent may not be written: a read-only folder, or for root (whom
        // permissions do not stop) a folder of sysfs, which nobody may create.
        let parent: String
        if geteuid() == 0 {
            parent = "/sys"
        } else {
            parent = root.appendingPathComponent("locked").path
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: parent)
        }
        let target = parent + "/survey-intake-e2e-\(UUID().uuidString)"
        let locked = try CommandRunner.run(["ingest", "samples/2021", "--out", target], in: root)
        #expect(locked.status == 2)
        #expect(locked.stderr.hasPrefix("survey-intake: error: --out \(target): the folder cannot be created in \(parent) ("))
        #expect(locked.stderr.hasSuffix("); choose a folder you can write to, or ask for write access to \(parent)\n"))
        #expect(!locked.stderr.contains("NSCocoaErrorDomain"))
        if geteuid() != 0 {
            // An existing folder that may not be written (root may write anywhere).
            let readOnly = try CommandRunner.run(["ingest", "samples/2021", "--out", parent], in: root)
            #expect(readOnly.status == 2)
            #expect(readOnly.stderr == "survey-intake: error: --out \(parent): the folder cannot be written to (Permission denied); "
                + "choose a folder you can write to, or ask for write access to \(parent)\n")
        }
        let report = try CommandRunner.run(["report", "--out", "data", "--output", "samples"], in: root)
        #expect(report.status == 2)
        #expect(report.stdout == "")
        #expect(report.stderr == "survey-intake: error: --output samples: is a folder; name a file, e.g. samples/report.html\n")
        let missing = try CommandRunner.run(["report", "--out", "data", "--output", "nowhere/report.md"], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr == "survey-intake: error: --output nowhere/report.md: the folder nowhere does not exist; "
            + "create it first, or name a file in a folder that exists\n")
        let letters = try CommandRunner.run(["flags", "--out", "data", "--letters", "afile"], in: root)
        #expect(letters.status == 2)
        #expect(letters.stderr == "survey-intake: error: --letters afile: is a file, not a folder; name a folder (it is created when absent)\n")
    }

    // MARK: item 7, 5, 6

    @Test("ingest --quiet: the rejections only, no summary; without it, the summary")
    func quietIngest() throws {
        let root = try CommandRunner.temporaryDirectory()
        let invalid = CommandRunner.packageRoot.appendingPathComponent("samples/invalid").path
        let quiet = try CommandRunner.run(["ingest", invalid, "--out", "data", "--quiet"], in: root)
        #expect(quiet.status == 1)
        #expect(quiet.stderr == "")
        let lines = quiet.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 16)
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("rejected (") })
        #expect(lines.last == "")
        let again = try CommandRunner.run(["ingest", invalid, "--out", "data", "--quiet"], in: root)
        #expect(again.status == 1)
        #expect(again.stdout == "")
        let loud = try CommandRunner.run(["ingest", invalid, "--out", "data"], in: root)
        #expect(loud.stdout == "0 new, 15 unchanged, 0 superseded, 0 rejected (15 unchanged files still rejected). Dataset: data/\n")
        // A dataset of rejections only has no round to filter by.
        let flags = try CommandRunner.run(["flags", "--out", "data", "--round", "2021"], in: root)
        #expect(flags.status == 2)
        #expect(flags.stderr == "survey-intake: error: --round: the dataset in data has no submissions yet\n")
    }

    @Test("ingest shows every error of a rejected file, and a conflict at path:line:column")
    func everyErrorAndConflict() throws {
        let root = try CommandRunner.temporaryDirectory()
        let sample = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("samples/2021/SP-2020-001.xml"), encoding: .utf8)
        let broken = sample.replacingOccurrences(of: #"<Alvorlighed>[^<]*</Alvorlighed>"#, with: "<Alvorlighed>x</Alvorlighed>",
                                                 options: .regularExpression)
        try #require(broken != sample)
        try broken.write(to: root.appendingPathComponent("many.xml"), atomically: false, encoding: .utf8)
        let many = try CommandRunner.run(["ingest", "many.xml", "--out", "data"], in: root)
        #expect(many.status == 1)
        let expected = "<Alvorlighed> has the value \"x\"; expected a whole number from 1 (minor) to 5 (critical), or left empty"
        #expect(many.stdout == [23, 30, 37, 43, 50].map { "rejected (schema-invalid): many.xml:\($0):7: \(expected)\n" }.joined()
            + "0 new, 0 unchanged, 0 superseded, 1 rejected. Dataset: data/\n")
        try FileManager.default.removeItem(at: root.appendingPathComponent("data"))
        let json = try CommandRunner.run(["ingest", "many.xml", "--out", "data", "--format", "json"], in: root)
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rejected = try #require(object["rejected"] as? [[String: Any]])
        #expect(rejected.count == 1)
        #expect(rejected.first?["reason"] as? String == "schema-invalid")
        let errors = try #require(rejected.first?["errors"] as? [[String: Any]])
        #expect(errors.map { $0["line"] as? Int } == [23, 30, 37, 43, 50])
        #expect(errors.allSatisfy { $0["column"] as? Int == 7 && $0["message"] as? String == expected })

        let format2 = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("samples/2022/SP-2020-001.xml"), encoding: .utf8)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("b"), withIntermediateDirectories: true)
        try format2.write(to: root.appendingPathComponent("a/first.xml"), atomically: false, encoding: .utf8)
        try format2.replacingOccurrences(of: "<Round>2022</Round>", with: "<Round>2022</Round>\n  <!-- edited -->")
            .write(to: root.appendingPathComponent("b/second.xml"), atomically: false, encoding: .utf8)
        #expect(try CommandRunner.run(["ingest", "a", "--out", "data"], in: root).status == 0)
        let conflict = try CommandRunner.run(["ingest", "b", "--out", "data"], in: root)
        #expect(conflict.status == 1)
        #expect(conflict.stdout == "rejected (conflict): b/second.xml:2:1: submissionId e57225f4-c206-45c0-a256-19f53edfeaa7 was "
            + "already ingested from a/first.xml with different content; the stored submission is kept. A revised report needs "
            + "a new submissionId.\n0 new, 0 unchanged, 0 superseded, 1 rejected. Dataset: data/\n")
    }

    // MARK: item 3

    @Test("help: --jobs states its default once; --jobs -3 is checked; a mistyped command gets a suggestion")
    func help() throws {
        let help = try CommandRunner.run(["ingest", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("  --jobs <n>              Files checked in parallel (default: the number of\n"
            + "                          cores).\n"))
        #expect(!help.stdout.contains("(default: \(ProcessInfo.processInfo.activeProcessorCount))"))
        let negative = try CommandRunner.run(["validate", "--jobs", "-3", "samples"], in: CommandRunner.packageRoot)
        #expect(negative.status == 2)
        #expect(negative.stderr.hasPrefix("Error: --jobs must be at least 1 (got -3)\n"))
        let typo = try CommandRunner.run(["ingset", "samples"])
        #expect(typo.status == 2)
        #expect(typo.stdout == "")
        #expect(typo.stderr == "survey-intake: error: unknown command 'ingset'. Did you mean 'ingest'? Commands: validate, ingest, "
            + "flags, report, taxonomy, show, rebuild, status, round, links, serve, missing, review, log, waive, correct, withdraw, analyst (survey-intake --help)\n")
        let far = try CommandRunner.run(["frobnicate"])
        #expect(far.status == 2)
        #expect(far.stderr == "survey-intake: error: unknown command 'frobnicate'. Commands: validate, ingest, flags, report, "
            + "taxonomy, show, rebuild, status, round, links, serve, missing, review, log, waive, correct, withdraw, analyst (survey-intake --help)\n")
    }

    @Test("the registry not found: each place looked in is named once")
    func registryNotFound() throws {
        let root = try CommandRunner.temporaryDirectory()
        let binary = root.appendingPathComponent("bin/survey-intake")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try CommandRunner.binary(), to: binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["validate", CommandRunner.packageRoot.appendingPathComponent("samples/2021").path]
        var environment = CommandRunner.environment()
        environment["SURVEY_INTAKE_SCHEMAS"] = nil
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(stderr == "survey-intake: error: the shipped questionnaire registry was not found (looked in "
            + "\(root.path)/bin/survey-intake_SurveyIntake.resources/schemas, \(root.path)/share/survey-intake/schemas); "
            + "pass --schemas DIR\n")
    }

    // MARK: item 9

    @Test("flags --letters: stale letters warned about or removed, the placeholder sender warned about, --format csv refused")
    func letters() throws {
        let root = try workspace()
        let first = try CommandRunner.run(["flags", "--out", "data", "--letters", "letters", "--round", "2021", "--quiet"], in: root)
        #expect(first.status == 0)
        #expect(first.stderr.hasPrefix("survey-intake: warning: the letters' sender is the placeholder "
            + "opfoelgning@signaturprojekter.example; give the real one with --from 'Name <address>' before sending them\n"))
        let earlier = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("letters").path).sorted()
        // Six leads with open findings, and the lead of the 2021 file rejected for its project id (item 13).
        #expect(earlier.count == 7)
        #expect(earlier.contains("sara.ostergaard@skanderborg.dk-afvist-sp-21-36-2021.eml"))
        let arguments = ["flags", "--out", "data", "--letters", "letters", "--round", "2022", "--project", "SP-2020-016",
                         "--from", "Opfølgning <opf@example.org>"]
        let second = try CommandRunner.run(arguments, in: root)
        #expect(second.status == 0)
        #expect(second.stdout == "letters/hedk@viborg.dk.eml: Helle Dahl Kristoffersen, 3 findings in 1 report\n1 letter written to letters/.\n")
        #expect(second.stderr == earlier.map {
            "letters/\($0): warning: left from an earlier run, not written now; do not send it, or remove it with --remove-stale-letters\n"
        }.joined())
        let third = try CommandRunner.run(arguments + ["--remove-stale-letters"], in: root)
        #expect(third.status == 0)
        #expect(third.stderr == "")
        #expect(third.stdout == "letters/hedk@viborg.dk.eml: Helle Dahl Kristoffersen, 3 findings in 1 report\n"
            + earlier.map { "letters/\($0): removed (left from an earlier run)\n" }.joined() + "1 letter written to letters/.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("letters").path) == ["hedk@viborg.dk.eml"])
        let csv = try CommandRunner.run(["flags", "--out", "data", "--letters", "letters", "--format", "csv"], in: root)
        #expect(csv.status == 2)
        #expect(csv.stdout == "")
        #expect(csv.stderr.hasPrefix("Error: --format csv is for the listing; --letters writes .eml files instead: drop one of them\n"))
    }

    // MARK: item 16

    @Test("JSON keys are snake_case: ingest's summary and validate's findings")
    func snakeCaseJSON() throws {
        let root = try workspace()
        let ingest = try CommandRunner.run(["ingest", "samples/2021", "--out", "data", "--format", "json"], in: root)
        #expect(ingest.status == 0)
        #expect(ingest.stdout == """
            {
              "files_seen" : 40,
              "new" : [

              ],
              "rejected" : [

              ],
              "still_rejected" : [

              ],
              "superseded" : [

              ],
              "unchanged" : 40
            }

            """)
        // No key anywhere in validate's, flags' or show's JSON is camelCase.
        let camelCase = try Regex(#""[a-z]+[A-Z][A-Za-z]*" :"#)
        let validate = try CommandRunner.run(["validate", "--format", "json", "samples"], in: root)
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("\"completeness\" : "))
        #expect(validate.stdout.firstMatch(of: camelCase) == nil)
        let flags = try CommandRunner.run(["flags", "--out", "data", "--format", "json"], in: root)
        #expect(flags.stdout.contains("\"finding_count\" : 26"))
        #expect(flags.stdout.firstMatch(of: camelCase) == nil)
        let submissions = try String(contentsOf: root.appendingPathComponent("data/csv/submissions.csv"), encoding: .utf8)
        let id = try #require(submissions.split(separator: "\r\n").dropFirst().first?.split(separator: ",").first)
        let shown = try CommandRunner.run(["show", String(id), "--out", "data", "--format", "json"], in: root)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("\"submission_id\" : \"\(id)\""))
        #expect(shown.stdout.firstMatch(of: camelCase) == nil)
    }

    // MARK: item 14

    @Test("status: rounds, submissions, rejected files, open findings and the last runs, as text and json")
    func status() throws {
        let root = try workspace()
        #expect(try CommandRunner.run(["ingest", "samples/2021", "--out", "data", "--quiet"], in: root,
                                      environment: ["SOURCE_DATE_EPOCH": "1669971600"]).status == 0)
        let text = try CommandRunner.run(["status", "--out", "data"], in: root)
        #expect(text.status == 0)
        #expect(text.stderr == "")
        #expect(text.stdout == """
            Dataset: data/
            Submissions: 68 current, 1 superseded in 2 rounds
              round 2021: 40 current, 0 superseded, 15 open findings
              round 2022: 28 current, 1 superseded, 11 open findings
            Open findings: 26
            Rejected: 15 files still rejected (15 rejections stored)
            Last runs (newest first):
              #2 ingest, 2022-12-02T09:00:00Z to 2022-12-02T09:00:00Z: 40 files seen, 0 new, 40 unchanged, 0 superseded, 0 rejected
              #1 ingest, 2022-12-01T09:00:00Z to 2022-12-01T09:00:00Z: 84 files seen, 69 new, 0 unchanged, 1 superseded, 15 rejected

            """)
        let json = try CommandRunner.run(["status", "--out", "data", "--format", "json", "--runs", "1"], in: root)
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["current", "dataset", "last_runs", "open_findings", "rejected_stored",
                                         "rejected_unresolved", "rounds", "superseded"])
        #expect(object["current"] as? Int == 68)
        #expect(object["open_findings"] as? Int == 26)
        #expect(object["rejected_unresolved"] as? Int == 15)
        let runs = try #require(object["last_runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs.first?["files_seen"] as? Int == 40)
        #expect(runs.first?["started_at"] as? String == "2022-12-02T09:00:00Z")
        let missing = try CommandRunner.run(["status", "--out", "nope"], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr == "survey-intake: error: no dataset in nope: nope/intake.sqlite does not exist; "
            + "run survey-intake ingest PATH… --out nope first\n")
    }

    // MARK: item 15

    /// Every file below `folder` with its bytes, but SQLite's `-shm` and `-wal` sidecars: opening
    /// the store to read it (as `flags`, `report` and `status` do) may leave them, empty of data.
    private func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = try #require(FileManager.default.enumerator(atPath: folder.path))
        while let name = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            guard !name.hasSuffix("-shm"), !name.hasSuffix("-wal") else { continue }
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    @Test("ingest --dry-run says what ingest would (new, superseded, rejected, exit 1) and writes nothing")
    func dryRun() throws {
        let root = try CommandRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("samples"),
                                         to: root.appendingPathComponent("samples"))
        #expect(try CommandRunner.run(["ingest", "samples/2021", "--out", "data", "--quiet"], in: root).status == 0)
        let before = try contents(of: root.appendingPathComponent("data"))
        let dry = try CommandRunner.run(["ingest", "samples", "--out", "data", "--dry-run", "--quarantine", "held"], in: root)
        #expect(dry.status == 1)
        #expect(dry.stderr == "")
        let lines = dry.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("new: samples/2022/") }.count == 29)
        #expect(lines.filter { $0.hasPrefix("rejected (") }.count == 15)
        #expect(lines.last == "29 new, 40 unchanged, 1 superseded, 15 rejected. Dataset: data/ (dry run: nothing written)")
        #expect(try contents(of: root.appendingPathComponent("data")) == before)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("held").path))
        // The real run then says the same.
        let real = try CommandRunner.run(["ingest", "samples", "--out", "data"], in: root)
        #expect(real.status == 1)
        #expect(real.stdout == dry.stdout.replacingOccurrences(of: " (dry run: nothing written)", with: ""))
        let fresh = try CommandRunner.run(["ingest", "samples/2021", "--out", "new", "--dry-run", "--quiet"], in: root)
        #expect(fresh.status == 0)
        #expect(fresh.stdout == "")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("new").path))
        // Exports without their store: refused as the real run refuses them, unless --fresh.
        try FileManager.default.removeItem(at: root.appendingPathComponent("data/intake.sqlite"))
        let lost = try CommandRunner.run(["ingest", "samples/2021", "--out", "data", "--dry-run"], in: root)
        #expect(lost.status == 2)
        #expect(lost.stderr.hasPrefix("survey-intake: error: data/intake.sqlite is missing, but data holds exports"))
        let afresh = try CommandRunner.run(["ingest", "samples/2021", "--out", "data", "--dry-run", "--fresh", "--quiet"], in: root)
        #expect(afresh.status == 0)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("data/intake.sqlite").path))
    }
}
