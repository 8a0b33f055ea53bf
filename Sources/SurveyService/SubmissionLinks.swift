import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// One secret submission link per roster project and round: 32 random bytes as the token
/// (base64url, 43 characters), only its SHA-256 kept in the store, valid until the round's
/// deadline plus a grace the analyst sets. The same token is the lead's page (`BASE/r/TOKEN`)
/// and the submission API's bearer token.
public enum SubmissionLinks {
    /// A link as it is handed out: the only time its token exists outside the lead's mail.
    public struct Issued: Sendable, Hashable, Encodable {
        public var projectId: String
        public var leadEmail: String?
        public var url: String
        public var expiresAt: String

        enum CodingKeys: String, CodingKey {
            case projectId = "project_id", leadEmail = "lead_email", url, expiresAt = "expires_at"
        }
    }

    /// 32 bytes from the system's cryptographic random source, base64url without padding.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What the store keeps of a token.
    public static func hash(_ token: String) -> String {
        SHA256.hex(of: Array(token.utf8))
    }

    /// The end (23:59:59 UTC) of the day `graceDays` after `deadline` (`YYYY-MM-DD`); nil when the
    /// deadline is not a date.
    public static func expiry(deadline: String, graceDays: Int) -> String? {
        guard let day = date(deadline) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let end = calendar.date(byAdding: .day, value: graceDays, to: day) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: end)
        return String(format: "%04d-%02d-%02dT23:59:59Z", parts.year!, parts.month!, parts.day!)
    }

    /// `YYYY-MM-DD` as midnight UTC; nil when it is not a real date (2024-02-30).
    public static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// What `issue` did: the links issued, the projects skipped because they hold an active
    /// link, and the roster they were issued for.
    public struct Outcome: Sendable {
        public var issued: [Issued]
        public var skipped: [SubmissionLink]
        public var roster: [RosterEntry]
    }

    /// Issues a link to every project of the round's roster that has no active one (with
    /// `reissue`: to every project, revoking the earlier links), valid until `expiresAt`; with
    /// `projects`, to those of the roster only.
    public static func issue(store: IntakeStore, round: Round, expiresAt: String, baseURL: String, reissue: Bool,
                             now: String, only projects: Set<String>? = nil, actor: String? = nil) throws -> Outcome {
        let year = round.year
        let roster = try store.roster(of: year).filter { projects?.contains($0.projectId) ?? true }
        let active = Dictionary(grouping: try store.activeLinks(round: year, at: now), by: \.projectId)
        let wanted = reissue ? roster : roster.filter { active[$0.projectId] == nil }
        let tokens = wanted.map { ($0, token()) }
        _ = try store.issue(tokens.map { ($0.0.projectId, hash($0.1)) }, round: year, at: now, expiresAt: expiresAt,
                            revokingEarlier: reissue, actor: actor)
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let issued = tokens.map { entry, token in
            Issued(projectId: entry.projectId, leadEmail: entry.leadEmail, url: "\(base)/r/\(token)", expiresAt: expiresAt)
        }
        let skipped = reissue ? [] : roster.compactMap { active[$0.projectId]?.last }
        return Outcome(issued: issued, skipped: skipped, roster: roster)
    }
}
