import Foundation
import Testing

/// Issue 13, item 15, on the built binary: a file name or a value with terminal control
/// sequences is printed escaped by validate, ingest and flags; the stored data keeps it.
@Suite("Terminal control sequences in names and values, end to end")
struct TerminalOutputCommandTests {
    /// `ESC[2J` clears the screen, `ESC]0;…BEL` retitles the window.
    private static let hostileName = "v\u{1B}[2J\u{1B}]0;pwned\u{07}.xml"
    private static let escapedName = #"v\u{1B}[2J\u{1B}]0;pwned\u{7}.xml"#

    /// A format-1 file with `severity` as the <Alvorlighed> text (XML, so `&#13;` is a CR).
    private func write(_ folder: URL, name: String, severity: String = "4", title: String? = nil) throws {
        var text = try CommandRunner.fixture("format1-complete.xml")
            .replacingOccurrences(of: "<Alvorlighed>4</Alvorlighed>", with: "<Alvorlighed>\(severity)</Alvorlighed>")
        if let title { text = text.replacingOccurrences(of: "Testprojekt: tidlig opsporing af tryksår", with: title) }
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// What the binary prints with `arguments` when its standard output is a terminal (`script`'s pty).
    private func onTerminal(_ arguments: String, in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(try CommandRunner.binary().path)' \(arguments)", "/dev/null"]
        process.environment = CommandRunner.environment()
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test("ingest on a terminal draws its progress bar in the language asked for (issue 14, item 11)")
    func progressBar() throws {
        let folder = try CommandRunner.temporaryDirectory()
        try write(folder, name: "a.xml")
        let danish = try onTerminal("ingest a.xml --out data --language da", in: folder)
        #expect(danish.contains(" 1/1 filer  "))
        #expect(danish.contains(" filer/s  "))
        #expect(danish.contains(" s tilbage "))
        #expect(danish.contains("1 ny, 0 uændrede, 0 erstattet, 0 afvist. Datasæt: data/"))
        let english = try onTerminal("ingest a.xml --out english --language en", in: folder)
        #expect(english.contains(" 1/1 files  "))
        #expect(english.contains(" s left "))
        #expect(english.contains("1 new, 0 unchanged, 0 superseded, 0 rejected. Dataset: english/"))
    }

    @Test("validate: the name's ESC and BEL, the value's CR, U+009B and U+202E are shown as \\u{…}")
    func validate() throws {
        let folder = try CommandRunner.temporaryDirectory()
        try write(folder, name: Self.hostileName, severity: "&#13;4&#x9B;&#x202E;x")
        let result = try CommandRunner.run(["validate", "."], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            ./\(Self.escapedName):23:7: error: <Alvorlighed> has the value "\\u{D}4\\u{9B}\\u{202E}x"; expected a whole number \
            from 1 (minor) to 5 (critical), or left empty
            1 file checked: 0 valid, 1 invalid (1 schema-invalid).

            """)
        // JSON says the same data, with the characters as JSON escapes.
        let json = try CommandRunner.run(["validate", "--format", "json", "."], in: folder)
        #expect(!json.stdout.contains("\u{1B}") && !json.stdout.contains("\u{9B}") && !json.stdout.contains("\u{202E}"))
        let files = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(files.first?["path"] as? String == "./" + Self.hostileName)
    }

    @Test("ingest: a new and a rejected file with control sequences in the name; the store keeps the real name")
    func ingest() throws {
        let root = try CommandRunner.temporaryDirectory()
        let inbox = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try write(inbox, name: Self.hostileName)
        try write(inbox, name: "w\u{202E}lmx.xml", severity: "høj")
        let result = try CommandRunner.run(["ingest", "inbox", "--out", "data"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            new: inbox/\(Self.escapedName)
            rejected (schema-invalid): inbox/w\\u{202E}lmx.xml:23:7: <Alvorlighed> has the value "høj"; expected a whole \
            number from 1 (minor) to 5 (critical), or left empty
            1 new, 0 unchanged, 0 superseded, 1 rejected. Dataset: data/

            """)
        let csv = try String(contentsOf: root.appendingPathComponent("data/csv/submissions.csv"), encoding: .utf8)
        #expect(csv.contains("inbox/" + Self.hostileName))
    }

    @Test("flags: a title and an address with U+009B and U+202E are escaped in text; JSON keeps them as \\u escapes")
    func flags() throws {
        let root = try CommandRunner.temporaryDirectory()
        try write(root, name: "t.xml", title: "T&#x9B;&#x202E;x")
        let file = root.appendingPathComponent("t.xml")
        try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "anne.testesen@testrup.dk", with: "anne&#x202E;@x")
            .write(to: file, atomically: true, encoding: .utf8)
        let ingest = try CommandRunner.run(["ingest", "t.xml", "--out", "data", "--quiet"], in: root)
        try #require(ingest.status == 0)
        let text = try CommandRunner.run(["flags", "--out", "data", "--quiet"], in: root)
        #expect(text.status == 0)
        #expect(text.stdout == #"""
            == Anne Testesen <anne\u{202E}@x>: 1 finding in 1 project
            -- SP-2020-901, round 2021: T\u{9B}\u{202E}x (Testrup Kommune)
            t.xml:17:5: warning: [invalid-format] lead.email: "Project lead's e-mail" is not a valid e-mail address: "anne\u{202E}@x". (open)

            """#)
        // CSV is data: exact into a pipe or a file, escaped only when it goes to a terminal.
        let csv = try CommandRunner.run(["flags", "--out", "data", "--format", "csv"], in: root)
        #expect(csv.status == 0)
        #expect(csv.stdout.contains("anne\u{202E}@x"))
        let terminal = try onTerminal("flags --out data --format csv", in: root)
        #expect(terminal.contains(#"anne\u{202E}@x"#))
        #expect(!terminal.contains("\u{202E}"))
        let json = try CommandRunner.run(["flags", "--out", "data", "--format", "json"], in: root)
        #expect(json.stdout.contains(#""title" : "T\u009b\u202ex""#))
        #expect(!json.stdout.contains("\u{9B}") && !json.stdout.contains("\u{202E}"))
    }
}
