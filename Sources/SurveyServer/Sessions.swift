import Foundation
import SurveyModel
import SurveyService

/// The language of a page: Danish unless the reader asked for English.
public enum PageLanguage: String, Sendable, Hashable {
    case danish = "da", english = "en"

    var isDanish: Bool { self == .danish }
}

/// A browser's session: a lead's (opened with their link; the token itself is not kept) or an
/// analyst's. Held in memory: a restart asks leads to open their link again, which is harmless,
/// and their drafts are on the server.
struct Session: Sendable, Hashable {
    enum Role: Sendable, Hashable {
        case lead(linkId: Int64)
        /// An analyst logged in with a named account (or the analysts' token: "analyst (token)").
        case analyst(name: String, role: AnalystRole)
    }

    /// The analyst's name and role, nil for a lead's session.
    var analyst: (name: String, role: AnalystRole)? {
        if case .analyst(let name, let role) = role { return (name, role) }
        return nil
    }

    /// The cookie's value: 32 random bytes, base64url.
    var id: String
    var role: Role
    /// Every form post carries it (a hidden field); another site cannot read it.
    var csrf: String
    var language: PageLanguage
    var expires: Date
    /// A message for the next page (after a redirect), in both languages.
    var notice: Notice?

    struct Notice: Sendable, Hashable {
        var danish: String
        var english: String
        var isError: Bool
    }
}

/// The sessions, bounded: at most `capacity` at once (the oldest go first), each ending after
/// `lifetime` seconds without use.
actor SessionStore {
    private var sessions: [String: Session] = [:]
    private let lifetime: TimeInterval
    private let capacity: Int

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func create(_ role: Session.Role, language: PageLanguage) -> Session {
        let now = Date()
        if sessions.count >= capacity {
            sessions = sessions.filter { $0.value.expires > now }
            if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.expires < $1.value.expires }) {
                sessions[oldest.key] = nil
            }
        }
        let session = Session(id: SubmissionLinks.token(), role: role, csrf: SubmissionLinks.token(), language: language,
                              expires: now.addingTimeInterval(lifetime))
        sessions[session.id] = session
        return session
    }

    /// The live session with this cookie value, its lifetime renewed.
    func session(_ id: String) -> Session? {
        guard var session = sessions[id] else { return nil }
        let now = Date()
        guard session.expires > now else {
            sessions[id] = nil
            return nil
        }
        session.expires = now.addingTimeInterval(lifetime)
        sessions[id] = session
        return session
    }

    func update(_ session: Session) {
        guard sessions[session.id] != nil else { return }
        sessions[session.id] = session
    }

    /// The notice for the page being shown, removed so it shows once.
    func takeNotice(_ id: String) -> Session.Notice? {
        let notice = sessions[id]?.notice
        sessions[id]?.notice = nil
        return notice
    }

    func end(_ id: String) {
        sessions[id] = nil
    }
}

/// At most `perMinute` submissions per link in any minute (a sliding window); keys are link
/// ids, of which the store holds a bounded number.
actor RateLimiter {
    private var recent: [Int64: [Date]] = [:]
    let perMinute: Int

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Counts one submission of `key`; the seconds to wait when over the limit, else nil.
    func admit(_ key: Int64, at now: Date = Date()) -> Int? {
        guard perMinute > 0 else { return nil }
        let window = now.addingTimeInterval(-60)
        var times = (recent[key] ?? []).filter { $0 > window }
        if times.count >= perMinute {
            recent[key] = times
            return max(1, Int((times[0].timeIntervalSince(window)).rounded(.up)))
        }
        times.append(now)
        recent[key] = times
        return nil
    }
}

/// Failed logins, per account name (or the token): after `limit` failures within `window`
/// seconds, further tries are refused until the oldest failure leaves the window, so a password
/// cannot be guessed at the server's speed. Bounded: at most `capacity` names are tracked.
actor LoginThrottle {
    private var failures: [String: [Date]] = [:]
    let limit: Int
    let window: TimeInterval
    let capacity: Int

    init(limit: Int = 5, window: TimeInterval = 600, capacity: Int = 10_000) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
    }

    /// Seconds to wait before `key` may try again, or nil when it may try now.
    func wait(_ key: String, at now: Date = Date()) -> Int? {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
    }

    func failed(_ key: String, at now: Date = Date()) {
        if failures[key] == nil, failures.count >= capacity {
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
            if failures.count >= capacity { failures.removeAll() }
        }
        failures[key, default: []].append(now)
    }

    func succeeded(_ key: String) {
        failures[key] = nil
    }
}

/// Compares two secrets in time that depends only on their lengths.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
}
