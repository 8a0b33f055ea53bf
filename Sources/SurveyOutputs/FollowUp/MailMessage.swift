import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// A plain-text e-mail in the Internet Message Format (RFC 5322): the headers a mail program
/// needs to open it as a draft and send it, and a UTF-8 body. Headers with non-ASCII text are
/// written as RFC 2047 encoded words; the body is sent `8bit`, or quoted-printable when a line
/// would be longer than RFC 5322 allows.
///
///     let message = MailMessage(from: MailAddress(name: "Opfølgning", address: "a@example.org"),
///                               to: MailAddress(name: "Anne", address: "anne@testrup.dk"),
///                               subject: "Statusrapport 2022", date: Date(timeIntervalSince1970: 0), body: "Kære Anne\n")
///     message.encoded()   // "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\nFrom: =?UTF-8?Q?Opf=C3=B8lgning?= <a@example.org>\r\n…"
public struct MailMessage: Sendable, Hashable {
    public var from: MailAddress
    /// An address without `address` is written as an empty group (`Name:;`) for the sender to fill in.
    public var to: MailAddress
    public var subject: String
    public var date: Date
    /// Lines separated by `\n`; written with CRLF.
    public var body: String
    /// Written after the standard headers, in order.
    public var extraHeaders: [MailHeader]

    /// A message; nothing is encoded until `encoded()`.
    public init(from: MailAddress, to: MailAddress, subject: String, date: Date, body: String, extraHeaders: [MailHeader] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.body = body
        self.extraHeaders = extraHeaders
    }

    /// The whole message, CRLF line ends.
    public func encoded() -> String {
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let needsQuotedPrintable = lines.contains { $0.utf8.count > 998 }
        let isASCII = body.utf8.allSatisfy { $0 < 0x80 }
        var headers = [
            MailHeader("Date", Self.rfc5322Date(date)),
            MailHeader("From", from.headerTokens(used: "From:".count)),
            MailHeader("To", to.headerTokens(used: "To:".count)),
            MailHeader("Subject", HeaderText.unstructured(subject, used: "Subject:".count)),
            MailHeader("MIME-Version", "1.0"),
            MailHeader("Content-Type", "text/plain; charset=UTF-8"),
            MailHeader("Content-Transfer-Encoding", needsQuotedPrintable ? "quoted-printable" : isASCII ? "7bit" : "8bit"),
        ]
        headers += extraHeaders
        var text = headers.map { $0.folded() }.joined(separator: "\r\n") + "\r\n\r\n"
        if needsQuotedPrintable {
            text += lines.map { QuotedPrintable.encode(line: Substring($0)) }.joined(separator: "\r\n")
        } else {
            text += lines.joined(separator: "\r\n")
        }
        return text
    }

    /// `Thu, 01 Dec 2022 09:00:00 +0000`, always in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// A mailbox: `Name <address>`.
public struct MailAddress: Sendable, Hashable {
    public var name: String?
    public var address: String?

    /// A mailbox; either part may be unknown.
    public init(name: String?, address: String?) {
        self.name = name
        self.address = address
    }

    /// The display name (a phrase, encoded when not ASCII) and `<address>`, as tokens that may
    /// be folded between; without an address, an empty group `Name:;`.
    func headerTokens(used: Int) -> [String] {
        let phrase = name.map { HeaderText.phrase($0, used: used) } ?? []
        guard let address else {
            guard let last = phrase.last else { return ["undisclosed-recipients:;"] }
            // An encoded word must stand apart from the ":" that follows it.
            return last.hasPrefix("=?") ? phrase + [":;"] : phrase.dropLast() + [last + ":;"]
        }
        return phrase + ["<\(address)>"]
    }
}

/// One header field, folded at white space to lines of at most 76 characters where it can be
/// (RFC 5322 asks for 78; RFC 2047 for 76 on lines with encoded words).
public struct MailHeader: Sendable, Hashable {
    public var name: String
    /// The value's parts; folding may put a line break between any two.
    var tokens: [String]

    /// An ASCII header, folded at its spaces.
    public init(_ name: String, _ value: String) {
        self.init(name, value.split(separator: " ").map(String.init))
    }

    init(_ name: String, _ tokens: [String]) {
        self.name = name
        self.tokens = tokens
    }

    func folded() -> String {
        var lines: [String] = ["\(name):"]
        for token in tokens {
            if lines[lines.count - 1].count + 1 + token.count > 76, lines[lines.count - 1].count > name.count + 1 {
                lines.append(" " + token)
            } else {
                lines[lines.count - 1] += " " + token
            }
        }
        return lines.joined(separator: "\r\n")
    }
}
