import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("RFC 5322 messages: headers, encoded words, folding, transfer encodings")
struct MailMessageTests {
    private func message(to: MailAddress = MailAddress(name: "Anne", address: "anne@example.org"), subject: String = "Hej",
                         body: String = "Hej\n") -> MailMessage {
        MailMessage(from: MailAddress(name: "Afsender", address: "a@example.org"), to: to, subject: subject,
                    date: Date(timeIntervalSince1970: 0), body: body)
    }

    private func headerLines(_ text: String) -> [String] {
        (text.components(separatedBy: "\r\n\r\n").first ?? "").components(separatedBy: "\r\n")
    }

    @Test("an ASCII message: 7bit, plain headers, RFC 5322 date in UTC")
    func ascii() {
        #expect(message().encoded() == """
            Date: Thu, 01 Jan 1970 00:00:00 +0000\r
            From: Afsender <a@example.org>\r
            To: Anne <anne@example.org>\r
            Subject: Hej\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            Hej\r

            """)
    }

    @Test("a display name with specials is a quoted string; a non-ASCII one encoded words")
    func displayNames() {
        let quoted = message(to: MailAddress(name: "Hansen, Jens \"JP\"", address: "jp@example.org")).encoded()
        #expect(quoted.contains("\r\nTo: \"Hansen, Jens \\\"JP\\\"\" <jp@example.org>\r\n"))
        let encoded = message(to: MailAddress(name: "Søren Æbelø", address: "s@example.org")).encoded()
        #expect(encoded.contains("\r\nTo: =?UTF-8?Q?S=C3=B8ren_=C3=86bel=C3=B8?= <s@example.org>\r\n"))
        #expect(message(to: MailAddress(name: nil, address: nil)).encoded().contains("\r\nTo: undisclosed-recipients:;\r\n"))
    }

    @Test("a long non-ASCII subject: encoded words of at most 75 characters, lines of at most 76, characters never split")
    func longSubject() {
        let subject = String(repeating: "æøå ÆØÅ ", count: 12)
        let lines = headerLines(message(subject: subject).encoded())
        let subjectLines = lines.drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(subjectLines.count > 3)
        for line in subjectLines {
            #expect(line.count <= 76, "\(line)")
            for word in line.split(separator: " ") where word.hasPrefix("=?") { #expect(word.count <= 75) }
        }
        #expect(RFC2047.decode(subjectLines.joined(separator: "\r\n").replacingOccurrences(of: "Subject:", with: "")) == subject)
    }

    @Test("a line longer than 998 bytes makes the body quoted-printable, with soft breaks and =XX")
    func quotedPrintable() {
        let long = String(repeating: "æ", count: 600) + " = slut "
        let text = message(body: "Kort linje\n\(long)\n").encoded()
        #expect(text.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(body.hasPrefix("Kort linje\r\n=C3=A6=C3=A6"))
        for line in body.components(separatedBy: "\r\n") { #expect(line.count <= 76, "\(line)") }
        #expect(body.hasSuffix("=20\r\n"), "white space at the end of a line is encoded")
        #expect(Self.decodeQuotedPrintable(body) == "Kort linje\r\n\(long)\r\n")
    }

    /// Soft breaks removed, `=XX` decoded.
    static func decodeQuotedPrintable(_ text: String) -> String {
        let bytes = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var decoded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16) {
                decoded.append(value)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    @Test("ASCII headers fold at spaces before 76 characters")
    func folding() {
        let header = MailHeader("X-Note", String(repeating: "word ", count: 30))
        let lines = header.folded().components(separatedBy: "\r\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" word") })
    }
}
