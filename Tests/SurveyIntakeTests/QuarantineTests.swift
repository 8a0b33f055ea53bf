import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyIntake
@testable import SurveyOutputs
#if canImport(Glibc)
import Glibc
#endif

@Suite("quarantine: copies written from the bytes received, nothing half-written left")
struct QuarantineTests {
    private func rejected(_ name: String, bytes: [UInt8]) -> IntakeOutcome {
        IntakeOutcome(origin: .file("inbox/\(name)"), sha256: SHA256.hex(of: bytes), size: bytes.count, format: nil,
                      verdict: .rejected(.notWellFormed, [Finding(severity: .error, file: "inbox/\(name)", line: 1, column: 2,
                                                                  message: "broken", reason: .notWellFormed)]))
    }

    @Test("the copy holds the bytes as received; keeping the same rejection again writes the same files, no second name")
    func keepTwice() throws {
        let folder = try TestSupport.temporaryDirectory()
        let bytes: [UInt8] = Array("<a>\r\n".utf8) + [0xFF]
        let quarantine = Quarantine(folder: folder)
        try quarantine.keep(rejected("x.xml", bytes: bytes), bytes: bytes)
        try quarantine.keep(rejected("x.xml", bytes: bytes), bytes: bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["x.xml", "x.xml.errors.json"])
        #expect(Array(try Data(contentsOf: folder.appendingPathComponent("x.xml"))) == bytes)
        // Another file of the same name is told apart by its content.
        let other: [UInt8] = Array("<b>".utf8)
        try quarantine.keep(rejected("x.xml", bytes: other), bytes: other)
        let tag = String(SHA256.hex(of: other).prefix(8))
        #expect(Array(try Data(contentsOf: folder.appendingPathComponent("x-\(tag).xml"))) == other)
    }

    @Test("temporaries of a process that is gone are removed; a living process's are left")
    func staleTemporaries() throws {
        let folder = try TestSupport.temporaryDirectory()
        var gone: Int32 = 4_000_000
        while kill(gone, 0) == 0 || errno != ESRCH { gone += 1 }
        let stale = folder.appendingPathComponent(".x.xml.errors.json.tmp-\(gone)")
        let living = folder.appendingPathComponent(".y.xml.tmp-\(getpid())")
        let kept = folder.appendingPathComponent("z.xml")
        for file in [stale, living, kept] { try Data("half".utf8).write(to: file) }
        try Quarantine(folder: folder).removeStaleTemporaries()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == [living.lastPathComponent, kept.lastPathComponent].sorted())
    }
}
