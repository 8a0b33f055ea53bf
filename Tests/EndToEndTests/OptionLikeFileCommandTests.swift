import Foundation
import Testing

/// Issue 13, item 16: `survey-intake validate *` in a folder holding `-h.xml` must not turn
/// into `--help` with exit 0 and nothing checked.
@Suite("A file named like an option, end to end")
struct OptionLikeFileCommandTests {
    /// A folder with `-h.xml` (invalid: empty) and `a.xml` (valid), and the arguments `*` gives.
    private func folder() throws -> (URL, [String]) {
        let folder = try CommandRunner.temporaryDirectory()
        try CommandRunner.fixture("format1-complete.xml").write(to: folder.appendingPathComponent("a.xml"), atomically: true, encoding: .utf8)
        try #require(FileManager.default.createFile(atPath: folder.appendingPathComponent("-h.xml").path, contents: Data()))
        let glob = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        try #require(glob == ["-h.xml", "a.xml"])
        return (folder, glob)
    }

    @Test("validate * with -h.xml: refused with exit 2 and how to name it, not the help with exit 0")
    func refused() throws {
        let (folder, glob) = try folder()
        let result = try CommandRunner.run(["validate"] + glob, in: folder)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "survey-intake: error: '-h.xml' is a file, but its name starts with '-' and would be read as an "
            + "option; put -- before the files (survey-intake validate -- *) or write ./-h.xml\n")
        let danish = try CommandRunner.run(["ingest", "--language", "da"] + glob, in: folder)
        #expect(danish.status == 2)
        #expect(danish.stderr == "survey-intake: fejl: '-h.xml' er en fil, men navnet begynder med '-' og ville blive læst som et "
            + "tilvalg; skriv -- foran filerne (survey-intake ingest -- *) eller ./-h.xml\n")
    }

    @Test("validate -- * checks both files: the empty -h.xml is invalid, exit 1")
    func afterDoubleDash() throws {
        let (folder, glob) = try folder()
        let result = try CommandRunner.run(["validate", "--"] + glob, in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            -h.xml:1:1: error: the file is empty
            2 files checked: 1 valid, 1 invalid (1 not-well-formed).

            """)
    }

    @Test("-h and --help still show the help when no such file exists")
    func helpStillWorks() throws {
        let folder = try CommandRunner.temporaryDirectory()
        for flag in ["-h", "--help"] {
            let result = try CommandRunner.run(["validate", flag], in: folder)
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("OVERVIEW: Check submissions against their questionnaire's XSD."))
            #expect(result.stdout.contains("survey-intake validate --language da -- inbox/*.xml"))
        }
    }
}
