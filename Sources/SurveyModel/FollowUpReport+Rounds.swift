
/// The report's answer to its key question: what happened, project by project, to the
/// challenges from one round to the next, and where each round's submissions stand in review.
extension FollowUpReport {
    /// What became of a challenge category between two rounds of a project.
    public enum ChallengeChange: String, Sendable, Hashable, CaseIterable {
        /// Reported in the earlier round, not reported resolved there, and reported again in the later one.
        case persisted
        /// Reported in the earlier round and either not reported in the later one, or reported
        /// resolved (every challenge of the category answered "yes") in the earlier one.
        case resolved
        /// Reported in the later round and not open in the earlier one: not reported there, or
        /// reported resolved there and reported again.
        case new
    }

    /// Every project with current submissions in two or more rounds, compared round to round,
    /// and the count of projects per category and change.
    public struct AcrossRounds: Sendable, Hashable {
        /// By project id.
        public var projects: [ProjectAcrossRounds]
        /// Categories (rows, vocabulary order) × `ChallengeChange` (columns: persisted, resolved,
        /// new): how many projects had the category persist, resolved or new in at least one of
        /// their pairs of rounds.
        public var byCategory: CrossTable

        public init(projects: [ProjectAcrossRounds] = [], categories: [String] = []) {
            self.projects = projects
            var seen = Set<[String]>()
            var pairs: [(String, String)] = []
            for project in projects {
                for change in project.changes {
                    for (kind, codes) in [(ChallengeChange.persisted, change.persisted), (.resolved, change.resolved), (.new, change.new)] {
                        for code in codes where seen.insert([project.projectId, code, kind.rawValue]).inserted {
                            pairs.append((code, kind.rawValue))
                        }
                    }
                }
            }
            byCategory = CrossTable(counting: pairs, rows: categories, columns: ChallengeChange.allCases.map(\.rawValue))
        }
    }

    /// One project's challenge categories, round after round.
    public struct ProjectAcrossRounds: Sendable, Hashable {
        public var projectId: String
        /// The title of its latest round that has one.
        public var title: String?
        /// The rounds of its current submissions, ascending (all of them, also under `--round`).
        public var rounds: [Int]
        /// One per pair of consecutive rounds in `rounds` (under `--round N`, only the pair ending in N).
        public var changes: [RoundChange]

        public init(projectId: String, title: String?, rounds: [Int], changes: [RoundChange]) {
            self.projectId = projectId
            self.title = title
            self.rounds = rounds
            self.changes = changes
        }
    }

    /// The challenges of one round of a project, as its current submission reported them.
    public struct RoundChallenges: Sendable, Hashable {
        public var round: Int
        /// Category code → whether every challenge of that category was answered resolved = yes.
        public var categories: [String: Bool]
        /// Whether the submission answered the challenges question: it lists challenges or says
        /// there were none.
        public var answered: Bool

        public init(round: Int, categories: [String: Bool], answered: Bool) {
            self.round = round
            self.categories = categories
            self.answered = answered
        }
    }

    /// Two consecutive rounds of a project compared, category by category. Each category of the
    /// earlier round is persisted or resolved; each of the later round is persisted or new.
    public struct RoundChange: Sendable, Hashable {
        public var from: Int
        public var to: Int
        /// Category codes, in vocabulary order (unknown codes after them, sorted).
        public var persisted: [String]
        public var resolved: [String]
        public var new: [String]
        /// The round of the two whose submission did not answer the challenges question (lists
        /// none and does not say there were none): nothing can be told, and the lists are empty.
        public var unanswered: Int?

        public init(from: Int, to: Int, persisted: [String], resolved: [String], new: [String], unanswered: Int? = nil) {
            self.from = from
            self.to = to
            self.persisted = persisted
            self.resolved = resolved
            self.new = new
            self.unanswered = unanswered
        }

        /// Compares `before` with `after`; `order` is the vocabulary's category order.
        public init(_ before: RoundChallenges, _ after: RoundChallenges, order: [String]) {
            guard before.answered, after.answered else {
                self.init(from: before.round, to: after.round, persisted: [], resolved: [], new: [],
                          unanswered: before.answered ? after.round : before.round)
                return
            }
            let open = Set(before.categories.filter { !$0.value }.keys)
            let later = Set(after.categories.keys)
            let persisted = open.intersection(later)
            self.init(from: before.round, to: after.round, persisted: Self.ordered(persisted, order),
                      resolved: Self.ordered(Set(before.categories.keys).subtracting(persisted), order),
                      new: Self.ordered(later.subtracting(persisted), order))
        }

        static func ordered(_ codes: Set<String>, _ order: [String]) -> [String] {
            order.filter(codes.contains) + codes.subtracting(order).sorted()
        }
    }

    /// The current submissions of one round by their latest review state (none given: received).
    public struct RoundReviewStates: Sendable, Hashable {
        public var round: Int
        /// Every state, 0 when none is in it.
        public var counts: [ReviewState: Int]

        public init(round: Int, counts: [ReviewState: Int]) {
            self.round = round
            self.counts = Dictionary(uniqueKeysWithValues: ReviewState.allCases.map { ($0, counts[$0] ?? 0) })
        }

        /// The current submissions of the round.
        public var total: Int { counts.values.reduce(0, +) }
    }
}
