/// What the report adds to the averages so that they say something: how the current
/// submissions spread over completeness bands, and the general measures that are not one of the
/// vocabulary's kinds, kept apart from those that are.
extension FollowUpReport {
    /// A band of completeness (answered / required), from complete down. The spread of a group
    /// of submissions is how many fall in each band (`CompletenessRow.bands`).
    public enum CompletenessBand: String, Sendable, Hashable, CaseIterable {
        /// Every required question answered: 100 %.
        case complete
        /// At least 90 % but not all: "90–99 %".
        case from90
        /// At least 75 %, under 90 %: "75–89 %".
        case from75
        /// At least 50 %, under 75 %: "50–74 %".
        case from50
        /// Under 50 %.
        case below50

        /// The band's lower bound, 0–1 (`complete`: 1).
        public var lowerBound: Double {
            switch self {
            case .complete: 1
            case .from90: 0.9
            case .from75: 0.75
            case .from50: 0.5
            case .below50: 0
            }
        }

        /// The band of `completeness` (0–1): the first, from complete down, whose lower bound it reaches.
        public init(_ completeness: Double) {
            self = Self.allCases.first { completeness >= $0.lowerBound } ?? .below50
        }

        /// "100", "90–99", "75–89", "50–74", "< 50": the band in whole percentages, without the sign.
        public var range: String {
            switch self {
            case .complete: return "100"
            case .below50: return "< 50"
            default:
                // Up to just under the next band's lower bound, in whole percentages: 90–99.
                let index = Self.allCases.firstIndex(of: self) ?? 1
                let upper = Self.allCases[index - 1].lowerBound
                return "\(Int((lowerBound * 100).rounded()))–\(Int((upper * 100).rounded()) - 1)"
            }
        }

        /// How many of `values` (completeness, 0–1) fall in each band; every band present, 0 when none.
        public static func tally(_ values: [Double]) -> [CompletenessBand: Int] {
            var counts = Dictionary(uniqueKeysWithValues: allCases.map { ($0, 0) })
            for value in values { counts[CompletenessBand(value), default: 0] += 1 }
            return counts
        }
    }

    /// The taxonomy's fallback code, a kind of general measure like the others in the
    /// vocabulary, but counted apart (`otherMitigationsByRound`).
    public static let otherMeasure = "other"
    /// The row of `otherMitigationsByRound` for measures whose text could not be placed.
    public static let unplacedMeasure = "unplaced"

    /// The unmapped labels that are not general measures: challenge labels first, then answers
    /// (phase, domain …), as `unmappedLabels` orders them.
    public var unmappedAnswers: [UnmappedLabel] { unmappedLabels.filter { $0.field != Self.measureField } }
    /// The general measures whose text could not be placed.
    public var unplacedMeasures: [UnmappedLabel] { unmappedLabels.filter { $0.field == Self.measureField } }
    /// The field pattern of a general measure among `unmappedLabels`.
    public static let measureField = "mitigations[N]"
}
