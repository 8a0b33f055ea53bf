/// One validated questionnaire in canonical form: the same shape whatever format it came in.
///
/// Every answer keeps what the lead wrote (`raw`), its canonical value (`value`: trimmed text
/// or a normalised code) and where it stands in the file, so that later stages can flag it
/// with a line and column and reports can show the original words.
public struct Submission: Sendable, Hashable, Codable {
    /// Format 2's `submissionId`; for format 1, derived from the file's SHA-256 (see `derivedID`).
    public var submissionId: String
    /// The questionnaire format id, e.g. `statusrapport-1`.
    public var format: String
    /// The format's version attribute, e.g. `1.0`.
    public var formatVersion: String
    public var round: Int
    public var projectId: String
    /// As written (xs:dateTime), e.g. `2021-11-15T14:30:00+01:00`.
    public var submittedAt: String
    /// Where the root element starts: the place for findings about the whole submission.
    public var location: SourcePosition
    public var project: Project
    public var lead: Lead
    public var challenges: [Challenge]
    /// Format 2's explicit `<NoChallenges/>`.
    public var declaredNoChallenges: Bool
    /// Whether the challenges section was there at all (an absent section is unanswered).
    public var challengesAnswered: Bool
    public var mitigations: [Mitigation]
    public var operationsPlan: Answer
    public var usesStateITProjectModel: Answer
    public var comments: Answer

    public struct Project: Sendable, Hashable, Codable {
        public var title: Answer
        public var authority: Answer
        /// `municipality` or `region`.
        public var authorityType: Answer
        public var authorityCode: Answer
        /// One of the seven domain codes.
        public var domain: Answer
        /// One of the seven phase codes.
        public var phase: Answer
        /// Format 2's project status.
        public var status: Answer

        public init(title: Answer, authority: Answer, authorityType: Answer, authorityCode: Answer, domain: Answer, phase: Answer, status: Answer) {
            self.title = title
            self.authority = authority
            self.authorityType = authorityType
            self.authorityCode = authorityCode
            self.domain = domain
            self.phase = phase
            self.status = status
        }
    }

    public struct Lead: Sendable, Hashable, Codable {
        public var name: Answer
        public var email: Answer

        public init(name: Answer, email: Answer) {
            self.name = name
            self.email = email
        }
    }

    public struct Challenge: Sendable, Hashable, Codable {
        /// 1-based, in questionnaire order.
        public var position: Int
        /// Where the challenge element starts.
        public var location: SourcePosition
        /// `raw`: the lead's label (format 1 Kategori, format 2 OtherCategory or @category);
        /// `value`: the top-level taxonomy code.
        public var category: Answer
        /// The lead's own label when one was written (format 2: OtherCategory).
        public var label: Answer
        /// Format 2's coded `@category` as written; absent in format 1.
        public var code: Answer
        /// e.g. `legal.gdpr`; nil when only the top level is known.
        public var subcategory: String?
        /// `coded`, `label`, `description` or `unmapped`.
        public var categorySource: String
        public var description: Answer
        /// `low`, `medium` or `high`.
        public var severity: Answer
        /// `yes`, `no` or `partly`.
        public var resolved: Answer
        public var mitigation: Answer
        /// Which words or phrases decided the category ("hjemmel" → legal.basis); nil when coded
        /// or unplaced.
        public var evidence: String? = nil
        /// The label folded as the taxonomy compares texts (`TextFolding.fold`): what an
        /// analyst's label correction is matched on; nil when there is no label.
        public var labelKey: String? = nil

        public init(position: Int, location: SourcePosition, category: Answer, label: Answer, code: Answer, subcategory: String? = nil, categorySource: String, description: Answer, severity: Answer, resolved: Answer, mitigation: Answer) {
            self.position = position
            self.location = location
            self.category = category
            self.label = label
            self.code = code
            self.subcategory = subcategory
            self.categorySource = categorySource
            self.description = description
            self.severity = severity
            self.resolved = resolved
            self.mitigation = mitigation
        }
    }

    public struct Mitigation: Sendable, Hashable, Codable {
        /// 1-based, in questionnaire order.
        public var position: Int
        /// `value`: a mitigation code, `other` when none fits; `raw`: format 2's `@code` as
        /// written (absent in format 1, whose measures are free text).
        public var code: Answer
        /// `coded` (format 2's @code), `text` (classified from format 1's text) or `unmapped`.
        public var codeSource: String
        public var text: Answer
        /// Which words or phrases decided the code; nil when coded or unplaced.
        public var evidence: String? = nil

        public init(position: Int, code: Answer, codeSource: String, text: Answer) {
            self.position = position
            self.code = code
            self.codeSource = codeSource
            self.text = text
        }
    }

    public init(submissionId: String, format: String, formatVersion: String, round: Int, projectId: String, submittedAt: String, location: SourcePosition, project: Project, lead: Lead, challenges: [Challenge], declaredNoChallenges: Bool, challengesAnswered: Bool, mitigations: [Mitigation], operationsPlan: Answer, usesStateITProjectModel: Answer, comments: Answer) {
        self.submissionId = submissionId
        self.format = format
        self.formatVersion = formatVersion
        self.round = round
        self.projectId = projectId
        self.submittedAt = submittedAt
        self.location = location
        self.project = project
        self.lead = lead
        self.challenges = challenges
        self.declaredNoChallenges = declaredNoChallenges
        self.challengesAnswered = challengesAnswered
        self.mitigations = mitigations
        self.operationsPlan = operationsPlan
        self.usesStateITProjectModel = usesStateITProjectModel
        self.comments = comments
    }
}

/// One answer: what was written, its canonical value, and where.
public struct Answer: Sendable, Hashable, Codable {
    /// The text as written; nil when the element or attribute is absent.
    public var raw: String?
    /// The canonical value: trimmed text, or a normalised code; nil when absent, blank or not
    /// recognised.
    public var value: String?
    /// Where the element (or the element holding the attribute) starts.
    public var position: SourcePosition?

    public init(raw: String?, value: String?, position: SourcePosition?) {
        self.raw = raw
        self.value = value
        self.position = position
    }

    /// An answer that was not given at all.
    public static let absent = Answer(raw: nil, value: nil, position: nil)

    /// A text answer: the value is the raw text with white space collapsed, nil when blank.
    public static func text(_ raw: String?, at position: SourcePosition?) -> Answer {
        Answer(raw: raw, value: raw.flatMap(Answer.collapsed), position: position)
    }

    /// `raw` trimmed, inner runs of white space collapsed to one space; nil when blank.
    public static func collapsed(_ raw: String) -> String? {
        if isCollapsed(raw) { return raw.isEmpty ? nil : raw }
        if let fast = raw.utf8.withContiguousStorageIfAvailable(collapsedBytes(utf8:)), let bytes = fast {
            return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
        }
        let words = raw.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Whether `raw` is already what `collapsed` makes of it, checked in one pass over its UTF-8
    /// bytes (most answers are): no white space but single spaces between other text, and no
    /// space followed by a scalar that could join it in one character (U+0300 and up).
    private static func isCollapsed(_ raw: String) -> Bool {
        if let answer = raw.utf8.withContiguousStorageIfAvailable(isCollapsed(utf8:)) { return answer }
        var previous: UInt32? = nil
        for scalar in raw.unicodeScalars {
            let value = scalar.value
            if isWhiteSpace(value) {
                guard value == 0x20, let before = previous, before != 0x20 else { return false }
            } else if previous == 0x20, value >= 0x300 {
                return false
            }
            previous = value
        }
        return previous != 0x20
    }

    /// The same test on UTF-8: the White_Space scalars are 09-0D and 20, C2 85, C2 A0, E1 9A 80,
    /// E2 80 80-8A, E2 80 A8, E2 80 A9, E2 80 AF, E2 81 9F and E3 80 80; a scalar from U+0300 up
    /// starts with a byte from CC up.
    private static func isCollapsed(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var afterSpace = false
        var atStart = true
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == 0x20 {
                if atStart || afterSpace { return false }
                afterSpace = true
                index += 1
                continue
            }
            if byte >= 0x09, byte <= 0x0D { return false }
            if byte >= 0x80 {
                if afterSpace, byte >= 0xCC { return false }
                let second = index + 1 < count ? bytes[index + 1] : 0
                let third = index + 2 < count ? bytes[index + 2] : 0
                switch byte {
                case 0xC2 where second == 0x85 || second == 0xA0: return false
                case 0xE1 where second == 0x9A && third == 0x80: return false
                case 0xE2 where second == 0x80 && ((0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF):
                    return false
                case 0xE2 where second == 0x81 && third == 0x9F: return false
                case 0xE3 where second == 0x80 && third == 0x80: return false
                default: break
                }
            }
            afterSpace = false
            atStart = false
            index += 1
        }
        return !afterSpace
    }

    /// `collapsed` in one pass over the UTF-8 bytes, for the texts where that gives what
    /// splitting at white-space `Character`s gives: white space only ASCII (09-0D, 20), never
    /// followed by a scalar from U+0300 up (a mark that would join it) nor preceded by one from
    /// U+0600 up (a Prepend scalar that would hold it). Nil for any other text, which takes the
    /// plain way. Linear, where splitting by `Character` cost 0.1 s per MB of answer text.
    private static func collapsedBytes(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let count = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var pendingSpace = false
        var lead: UInt8 = 0  // the first byte of the last scalar that is not white space
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                if lead >= 0xD8 { return nil }
                if index + 1 < count, bytes[index + 1] >= 0xCC { return nil }
                if !out.isEmpty { pendingSpace = true }
                index += 1
                continue
            }
            if byte >= 0x80 {
                let second = index + 1 < count ? bytes[index + 1] : 0
                let third = index + 2 < count ? bytes[index + 2] : 0
                switch byte {
                case 0xC2 where second == 0x85 || second == 0xA0: return nil
                case 0xE1 where second == 0x9A && third == 0x80: return nil
                case 0xE2 where second == 0x80 && ((0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF):
                    return nil
                case 0xE2 where second == 0x81 && third == 0x9F: return nil
                case 0xE3 where second == 0x80 && third == 0x80: return nil
                default: break
                }
                if byte >= 0xC0 { lead = byte }
            } else {
                lead = byte
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte)
            index += 1
        }
        return out
    }

    /// Unicode's White_Space property (what `Character.isWhitespace` tests on the first scalar).
    private static func isWhiteSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
