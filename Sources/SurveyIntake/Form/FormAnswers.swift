/// What a project lead typed into the web form, keyed by the data dictionary's field paths
/// with concrete item numbers: `project.title`, `lead.email`, `challenges[2].severity`,
/// `mitigations[1].text`, `operationsPlan`, `usesStateITProjectModel` ("true", "false" or ""),
/// `comments`.
///
///     let answers = FormAnswers(fields: [("project.title", "Tolkning af røntgen"), ("noChallenges", "on")])
///     answers.noChallenges      // true
///     answers.challengeCount    // 0
///
/// Blank answers are not kept: a field typed as "" reads as unanswered. Everything is bounded:
/// at most `maxItems` challenges and mitigations, so no posted shape costs more than its size.
public struct FormAnswers: Sendable, Hashable, Codable {
    /// The most item blocks of each repeated section the form takes; higher item numbers are ignored.
    public static let maxItems = 50
    /// The leaves of a challenge block.
    public static let challengeLeaves = ["code", "label", "description", "severity", "resolved", "mitigation"]
    /// The leaves of a mitigation block.
    public static let mitigationLeaves = ["code", "text"]
    /// The fields asked once.
    public static let topFields = [
        "project.title", "project.authority", "project.authorityType", "project.authorityCode",
        "project.domain", "project.phase", "project.status", "lead.name", "lead.email",
        "operationsPlan", "usesStateITProjectModel", "comments",
    ]
    static let topFieldSet = Set(topFields)
    static let challengeLeafSet = Set(challengeLeaves)
    static let mitigationLeafSet = Set(mitigationLeaves)

    /// The non-blank answers by field path.
    public var values: [String: String]
    /// "Ingen udfordringer": the lead ticked that there were no challenges this year.
    public var noChallenges: Bool
    /// How many challenge blocks the form shows.
    public var challengeCount: Int
    /// How many mitigation blocks the form shows.
    public var mitigationCount: Int

    public init(values: [String: String] = [:], noChallenges: Bool = false, challengeCount: Int = 0, mitigationCount: Int = 0) {
        self.values = values.filter { !$0.value.isEmpty }
        self.noChallenges = noChallenges
        self.challengeCount = min(max(challengeCount, 0), Self.maxItems)
        self.mitigationCount = min(max(mitigationCount, 0), Self.maxItems)
    }

    /// Builds the answers from a posted form, in the order the fields came. Unknown names are
    /// ignored, and so are item numbers below 1 or above `maxItems`; when a name repeats, the
    /// last value wins; `noChallenges` with any value sets the flag. The counts are the highest
    /// item number seen (blank or not), so a block the lead added but left empty stays shown.
    public init(fields: [(name: String, value: String)]) {
        self.init()
        for (name, value) in fields {
            if name == "noChallenges" {
                noChallenges = true
                continue
            }
            if Self.topFieldSet.contains(name) {
                set(value, for: name)
                continue
            }
            guard let item = Self.item(name) else { continue }
            set(value, for: "\(item.collection)[\(item.index)].\(item.leaf)")
            if item.collection == "challenges" {
                challengeCount = max(challengeCount, item.index)
            } else {
                mitigationCount = max(mitigationCount, item.index)
            }
        }
    }

    /// The answer at `field`, or "" when unanswered.
    public subscript(field: String) -> String {
        values[field] ?? ""
    }

    /// The answers with one more (empty) challenge block, up to `maxItems`.
    public func addingChallenge() -> FormAnswers {
        var copy = self
        copy.challengeCount = min(challengeCount + 1, Self.maxItems)
        return copy
    }

    /// The answers with one more (empty) mitigation block, up to `maxItems`.
    public func addingMitigation() -> FormAnswers {
        var copy = self
        copy.mitigationCount = min(mitigationCount + 1, Self.maxItems)
        return copy
    }

    /// The answers without challenge block `index` (1-based); the blocks after it move up one.
    public func removingChallenge(at index: Int) -> FormAnswers {
        var copy = self
        copy.challengeCount = copy.removeItem(index, of: "challenges", leaves: Self.challengeLeaves, count: challengeCount)
        return copy
    }

    /// The answers without mitigation block `index` (1-based); the blocks after it move up one.
    public func removingMitigation(at index: Int) -> FormAnswers {
        var copy = self
        copy.mitigationCount = copy.removeItem(index, of: "mitigations", leaves: Self.mitigationLeaves, count: mitigationCount)
        return copy
    }

    private mutating func set(_ value: String, for field: String) {
        if value.isEmpty { values[field] = nil } else { values[field] = value }
    }

    /// Removes item `index` of `count` and returns the new count.
    private mutating func removeItem(_ index: Int, of collection: String, leaves: [String], count: Int) -> Int {
        guard index >= 1, index <= count else { return count }
        for position in index..<count {
            for leaf in leaves {
                values["\(collection)[\(position)].\(leaf)"] = values["\(collection)[\(position + 1)].\(leaf)"]
            }
        }
        for leaf in leaves { values["\(collection)[\(count)].\(leaf)"] = nil }
        return count - 1
    }

    /// `challenges[2].severity` taken apart; nil for any other shape, an unknown leaf, or an
    /// item number outside 1...maxItems (at most four digits are read, so no number overflows).
    static func item(_ name: String) -> (collection: String, index: Int, leaf: String)? {
        let bytes = Array(name.utf8.prefix(64))
        guard bytes.count == name.utf8.count, let open = bytes.firstIndex(of: 0x5B) else { return nil }
        let collection = String(decoding: bytes[..<open], as: UTF8.self)
        let leaves: Set<String>
        switch collection {
        case "challenges": leaves = challengeLeafSet
        case "mitigations": leaves = mitigationLeafSet
        default: return nil
        }
        var position = open + 1
        var index = 0
        var digits = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            digits += 1
            guard digits <= 4 else { return nil }
            index = index * 10 + Int(bytes[position] - 0x30)
            position += 1
        }
        guard digits > 0, position + 1 < bytes.count, bytes[position] == 0x5D, bytes[position + 1] == 0x2E,
              index >= 1, index <= maxItems else { return nil }
        let leaf = String(decoding: bytes[(position + 2)...], as: UTF8.self)
        guard leaves.contains(leaf) else { return nil }
        return (collection, index, leaf)
    }
}
