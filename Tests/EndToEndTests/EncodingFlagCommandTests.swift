import Foundation
import Testing

/// Issue 13, item 17: UTF-8 under `encoding="ISO-8859-1"` is stored garbled ("HolbÃ¦k"). The
/// validator warns at every place; the ingest keeps it as a flag of the submission (rule
/// `encoding`), so flags, flags.csv, the letters and the receipts carry it.
@Suite("the encoding flag: UTF-8 declared as Latin-1 is kept as a flag, not only warned about", .serialized)
struct EncodingFlagCommandTests {
    /// samples/2021/SP-2020-013.xml (UTF-8, with æ and ø) declaring ISO-8859-1.
    private func mislabelled() throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("samples/2021/SP-2020-013.xml"), encoding: .utf8)
        let file = folder.appendingPathComponent("SP-2020-013.xml")
        try text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("ingest keeps one encoding flag per submission; flags lists it in English and Danish; flags.csv has it")
    func flagged() throws {
        let file = try mislabelled()
        let folder = file.deletingLastPathComponent()
        let ingest = try CommandRunner.run(["ingest", "SP-2020-013.xml", "--out", "data", "--quiet"], in: folder)
        #expect(ingest.status == 0)
        let english = try CommandRunner.run(["flags", "--out", "data", "--rule", "encoding"], in: folder)
        #expect(english.status == 0)
        #expect(english.stdout == """
            == Ole Bjerre Christiansen <obch@holb.dk>: 1 finding in 1 project
            -- SP-2020-013, round 2021: Intelligent visitation til hjemmepleje (HolbÃ¦k Kommune)
            SP-2020-013.xml:9:7: warning: [encoding] encoding: <Navn> looks like UTF-8 read as ISO-8859-1: "Ã¦" is probably \
            "æ" ("HolbÃ¦k Kommune"); the file declares encoding="ISO-8859-1" but holds UTF-8: save it with encoding="UTF-8" in \
            its XML declaration (and 4 more places). (open)

            1 finding (1 open) in 1 submission of 1 project, 1 project lead.

            """)
        let danish = try CommandRunner.run(["flags", "--out", "data", "--rule", "encoding", "--language", "da"], in: folder)
        #expect(danish.stdout.contains("SP-2020-013.xml:9:7: warning: [encoding] encoding: <Navn> ligner UTF-8 læst som ISO-8859-1: "
            + "«Ã¦» er sandsynligvis «æ» («HolbÃ¦k Kommune»); filen angiver encoding=\"ISO-8859-1\", men indeholder UTF-8: "
            + "ret XML-erklæringen til encoding=\"UTF-8\" (og 4 steder mere)."))
        let csv = try String(contentsOf: folder.appendingPathComponent("data/csv/flags.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").filter { $0.contains(",encoding,") }.count == 1)

        let letters = folder.appendingPathComponent("letters")
        #expect(try CommandRunner.run(["flags", "--out", "data", "--rule", "encoding", "--letters", "letters", "--quiet",
                                       "--from", "Signaturprojekterne <opfoelgning@example.org>"], in: folder).status == 0)
        let letter = try String(contentsOf: letters.appendingPathComponent("obch@holb.dk.eml"), encoding: .utf8)
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n   ", with: "")
        #expect(letter.contains("1. Filen er gemt som UTF-8, men angiver et andet tegnsæt i sin første"))
        #expect(letter.replacingOccurrences(of: "\n", with: " ").contains("fx «HolbÃ¦k Kommune»"))
    }

    @Test("validate warns at every place and does not repeat it as a flag")
    func validateOnce() throws {
        let result = try CommandRunner.run(["validate", try mislabelled().path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("[encoding]") }
        #expect(lines.count == 5)
        #expect(!lines.contains { $0.contains("[encoding] encoding:") })
    }

    @Test("a file written as it declares has no encoding flag")
    func correctFileUnflagged() throws {
        let folder = try CommandRunner.temporaryDirectory()
        #expect(try CommandRunner.run(["ingest", CommandRunner.packageRoot.appendingPathComponent("samples/2021/SP-2020-013.xml").path,
                                       "--out", folder.appendingPathComponent("data").path, "--quiet"]).status == 0)
        let result = try CommandRunner.run(["flags", "--out", folder.appendingPathComponent("data").path, "--rule", "encoding"])
        #expect(result.status == 0)
        #expect(result.stdout == "No open or asked findings.\n")
    }
}
