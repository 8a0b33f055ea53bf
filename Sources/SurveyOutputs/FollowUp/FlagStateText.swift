import SurveyModel
import SurveyIntake
import SurveyStore

/// A flag's state in a few words, for the `flags` listing: "asked 2026-11-02 by letter",
/// "besvaret af revisionen 3f2b… (2026-11-05)". Dates are the UTC day of the stored time.
enum FlagStateText {
    static func describe(_ finding: OpenFinding, danish: Bool) -> String {
        func day(_ time: String) -> String { String(time.prefix(10)) }
        switch finding.state {
        case .open:
            return danish ? "åben" : "open"
        case .asked:
            guard let asked = finding.firstAsked else { return danish ? "spurgt" : "asked" }
            let how = switch (asked.by, danish) {
            case (.letter, true): "i et brev"
            case (.letter, false): "by letter"
            case (.receipt, true): "på en kvittering"
            case (.receipt, false): "by receipt"
            }
            return (danish ? "spurgt " : "asked ") + day(asked.at) + " " + how
        case .answered:
            guard let answer = finding.answered else { return danish ? "besvaret" : "answered" }
            return (danish ? "besvaret af revisionen " : "answered by revision ") + "\(answer.submissionId) (\(day(answer.at)))"
        case .waived:
            guard let waiver = finding.waiver else { return danish ? "frafaldet" : "waived" }
            return (danish ? "frafaldet af " : "waived by ") + "\(waiver.analyst) \(day(waiver.at)): \(waiver.reason)"
        }
    }
}
