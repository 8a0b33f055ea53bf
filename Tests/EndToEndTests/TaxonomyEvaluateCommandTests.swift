import Foundation
import Testing

/// Runs `survey-intake taxonomy evaluate` and `classify --explain` and checks output and status.
@Suite("End to end: survey-intake taxonomy evaluate")
struct TaxonomyEvaluateCommandTests {
    private static func write(_ rows: [String]) throws -> String {
        let folder = try CommandRunner.temporaryDirectory()
        let file = folder.appendingPathComponent("set.tsv")
        try ("expected\tkind\ttext\n" + rows.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    private static let passing = [
        "legal.basis\tlabel\tManglende hjemmel", "other\tlabel\tCorona",
        "data.access\tdescription\tLeverandøren ville ikke udlevere udtrækket.", "anonymisation\tmeasure\tSyntetiske data",
    ]

    @Test("a set that meets every target: exit 0, the figures in English under LANG=C")
    func passes() throws {
        let file = try Self.write(Self.passing)
        let run = try CommandRunner.run(["taxonomy", "evaluate", file], environment: ["LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Evaluation of \(file): 4 texts")
        #expect(lines.contains("Labels: 2"))
        #expect(lines.contains("  right                                 2   100.0 %   (target ≥ 97.0 %)"))
        #expect(lines.contains("Misses (0)"))
        #expect(lines.last == "All targets met.")
    }

    @Test("below target: exit 1, each failure named, misses with their evidence; Danish from LANG=da_DK")
    func failsInDanish() throws {
        let file = try Self.write(Self.passing + ["data\tlabel\tJura", "other\tdescription\tVi manglede hjemmel til det."])
        let run = try CommandRunner.run(["taxonomy", "evaluate", file], environment: ["LANG": "da_DK.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Evaluering af \(file): 6 tekster")
        #expect(lines.contains("Fejl (2)"))
        #expect(lines.contains("  6\tlabel\t\"Jura\": forventet data, placeret legal (label); belæg: \"jura\" → legal; point: legal 1,00"))
        #expect(lines.contains("Under målet:"))
        #expect(lines.contains("  etiketter: 66,7 % rigtige, målet er mindst 97,0 %"))
        #expect(lines.contains("  beskrivelser: 1 tekster, der skulle forblive andet, blev placeret"))
    }

    @Test("--language en wins over LANG; --min-accuracy and --max-wrongly-specific replace the targets")
    func options() throws {
        let file = try Self.write(Self.passing + ["data\tlabel\tJura"])
        let strict = try CommandRunner.run(["taxonomy", "evaluate", "--language", "en", file], environment: ["LANG": "da_DK.UTF-8"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("  labels: 66.7 % right, target at least 97.0 %\n"))
        let loose = try CommandRunner.run(["taxonomy", "evaluate", "--language", "en", "--min-accuracy", "60",
                                           "--max-wrongly-specific", "40", file])
        #expect(loose.status == 0)
        #expect(loose.stdout.hasSuffix("All targets met.\n"))
    }

    @Test("--format json: the figures, the matrix and the misses, keys sorted")
    func json() throws {
        let file = try Self.write(Self.passing + ["data\tlabel\tJura"])
        let run = try CommandRunner.run(["taxonomy", "evaluate", "--format", "json", file])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        let labels = try #require((object["summaries"] as? [String: Any])?["label"] as? [String: Any])
        #expect(labels["total"] as? Int == 3)
        #expect(labels["wrongly_specific"] as? Int == 1)
        #expect(labels["wronglySpecific"] == nil)
        #expect((labels["confusion"] as? [String: [String: Int]])?["data"] == ["legal": 1])
        let misses = try #require(object["misses"] as? [[String: Any]])
        #expect(misses.count == 1)
        #expect(misses.first?["placed"] as? String == "legal")
        #expect(run.stdout.range(of: "\"failures\"")!.lowerBound < run.stdout.range(of: "\"misses\"")!.lowerBound)
    }

    @Test("a malformed set or an unknown code is a setup error: exit 2 with file and line")
    func malformed() throws {
        let file = try Self.write(["legal\tlabel\tJura", "data\theadline"])
        let run = try CommandRunner.run(["taxonomy", "evaluate", file])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == "survey-intake: error: \(file):3: 2 fields, expected 3: expected<TAB>kind<TAB>text\n")
        let unknown = try Self.write(["legal.weather\tlabel\tJura"])
        let second = try CommandRunner.run(["taxonomy", "evaluate", unknown])
        #expect(second.status == 2)
        #expect(second.stderr == "survey-intake: error: \(unknown):2: \"legal.weather\" is no code of challenges.xml\n")
    }

    @Test("classify --explain prints the evidence and the scores; --description reads a description")
    func explain() throws {
        let run = try CommandRunner.run(["taxonomy", "classify", "--explain", "Rettigheder til modellen", "Corona"])
        #expect(run.status == 0)
        #expect(run.stdout == "vendor-management.contract\tlabel\tRettigheder til modellen\t"
            + "\"rettighed\" → vendor-management.contract\tvendor-management 0.50, data 0.25\n"
            + "other\tunmapped\tCorona\t-\t-\n")
        let description = try CommandRunner.run(["taxonomy", "classify", "--description", "--explain", "Vi fik først data efter 6 mdr."])
        #expect(description.stdout == "other\tunmapped\tVi fik først data efter 6 mdr.\t-\tdata 0.25\n")
        let measure = try CommandRunner.run(["taxonomy", "classify", "--vocabulary", "mitigations", "--explain", "Syntetiske data"])
        #expect(measure.stdout == "anonymisation\ttext\tSyntetiske data\t\"syntetiske data\" → anonymisation\t-\n")
        let refused = try CommandRunner.run(["taxonomy", "classify", "--vocabulary", "phases", "--explain", "Pilot"])
        #expect(refused.status == 2)
    }
}
