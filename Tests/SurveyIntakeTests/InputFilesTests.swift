import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Issue 13, items 7 and 8: the folder walk takes each file once, reports symbolic-link loops
/// instead of following them, and finds names that are not UTF-8.
@Suite("Input files: symbolic-link loops and names that are not UTF-8")
struct InputFilesTests {
    private func symlink(_ target: String, at url: URL) throws {
        try #require(Glibc.symlink(target, url.path) == 0, "symlink \(url.path)")
    }

    /// Creates a file whose name is `name`'s bytes (any bytes) inside `folder`.
    private func createFile(named name: [UInt8], in folder: URL, contents: String) throws {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name
        let descriptor = (path.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
            open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        try #require(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
    }

    /// `container/inbox/x.xml` and `container/outside.xml`; returns inbox.
    private func inbox() throws -> URL {
        let container = try TestSupport.temporaryDirectory()
        let inbox = container.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try "x".write(to: inbox.appendingPathComponent("x.xml"), atomically: true, encoding: .utf8)
        try "y".write(to: container.appendingPathComponent("outside.xml"), atomically: true, encoding: .utf8)
        return inbox
    }

    // One loop per test: before the fix two links made the walk exponential (a hang), one
    // link a walk 40 levels deep that listed the same file 41 times.

    @Test("`ln -s . a`: the file once, the loop a warning naming the link, in English and Danish")
    func linkToItsFolder() throws {
        let inbox = try inbox()
        try symlink(".", at: inbox.appendingPathComponent("a"))
        let root = inbox.path
        let (files, problems) = try InputFiles.collect([root])
        #expect(files == ["\(root)/x.xml"])
        #expect(problems.map(\.formatted) == [
            "\(root)/a:1:1: warning: leads back to \(root), a folder it is in (a symbolic-link loop): skipped",
        ])
        let danish = try InputFiles.collect([root], danish: true).problems
        #expect(danish.map(\.message) == ["fører tilbage til \(root), en mappe, det selv ligger i (en løkke af symbolske links): springes over"])
    }

    @Test("`ln -s .. up`: every file once (the one outside through the link), the way back in a warning")
    func linkToTheParent() throws {
        let inbox = try inbox()
        try symlink("..", at: inbox.appendingPathComponent("up"))
        let root = inbox.path
        let (files, problems) = try InputFiles.collect([root])
        #expect(files == ["\(root)/up/outside.xml", "\(root)/x.xml"])
        #expect(problems.map(\.formatted) == [
            "\(root)/up/inbox:1:1: warning: leads back to \(root), a folder it is in (a symbolic-link loop): skipped",
        ])
        #expect(problems.allSatisfy { $0.severity == .warning })
    }

    @Test("a file reached by a real name and through a link is listed once, under the real name")
    func realNameFirst() throws {
        let inbox = try TestSupport.temporaryDirectory()
        let real = inbox.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try "x".write(to: real.appendingPathComponent("r.xml"), atomically: true, encoding: .utf8)
        try symlink("sub", at: inbox.appendingPathComponent("alias"))
        try symlink("sub/r.xml", at: inbox.appendingPathComponent("link.xml"))
        let (files, problems) = try InputFiles.collect([inbox.path, real.appendingPathComponent("r.xml").path])
        #expect(files == ["\(inbox.path)/sub/r.xml"])
        #expect(problems.isEmpty)
    }

    @Test("a link to itself (ELOOP) is a warning, not silence")
    func selfLink() throws {
        let inbox = try TestSupport.temporaryDirectory()
        try symlink("self.xml", at: inbox.appendingPathComponent("self.xml"))
        let (files, problems) = try InputFiles.collect([inbox.path])
        #expect(files.isEmpty)
        #expect(problems.map(\.formatted) == ["\(inbox.path)/self.xml:1:1: warning: a symbolic link that leads back to itself (a loop): skipped"])
    }

    @Test("PathName: valid UTF-8 as it is, other bytes as \\xHH, and back")
    func pathNames() {
        #expect(PathName.string(fromBytes: Array("rapport-æø.xml".utf8)) == "rapport-æø.xml")
        let latin1: [UInt8] = Array("rapport-".utf8) + [0xE6, 0xF8] + Array(".xml".utf8)
        #expect(PathName.string(fromBytes: latin1) == "rapport-\\xE6\\xF8.xml")
        // A truncated sequence, an overlong form and a surrogate are each invalid bytes.
        #expect(PathName.string(fromBytes: [0x61, 0xC3]) == "a\\xC3")
        #expect(PathName.string(fromBytes: [0xC0, 0xAF]) == "\\xC0\\xAF")
        #expect(PathName.string(fromBytes: [0xED, 0xA0, 0x80]) == "\\xED\\xA0\\x80")
        #expect(PathName.string(fromBytes: [0xF0, 0x9F, 0x98, 0x80, 0xFF]) == "😀\\xFF")
        #expect(PathName.fileSystemBytes("/nowhere/rapport-\\xE6\\xF8.xml") == Array("/nowhere/rapport-".utf8) + [0xE6, 0xF8] + Array(".xml".utf8))
        #expect(PathName.fileSystemBytes("a\\x41b") == Array("a\\x41b".utf8))
    }

    @Test("a Latin-1 file name is found by the walk, shown with \\xHH, and validated")
    func latin1Name() throws {
        let inbox = try TestSupport.temporaryDirectory()
        let name: [UInt8] = Array("rapport-".utf8) + [0xE6, 0xF8] + Array(".xml".utf8)
        try createFile(named: name, in: inbox, contents: try TestSupport.fixture("format1-complete.xml"))
        let (files, problems) = try InputFiles.collect([inbox.path])
        #expect(files == ["\(inbox.path)/rapport-\\xE6\\xF8.xml"])
        #expect(problems.isEmpty)
        let path = try #require(files.first)
        let result = try TestSupport.pipeline().process(fileAt: path)
        #expect(result.validation.rejection == nil)
        #expect(result.validation.format == "statusrapport-1")
        #expect(FileStamp(path: path) != nil)
        // Named directly (as the CLI passes it) it is the same file, not "no such file".
        #expect(try InputFiles.collect([path]).files == [path])
    }
}
