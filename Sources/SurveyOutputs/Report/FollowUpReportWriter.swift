import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// One output format of `survey-intake report`. The Markdown and HTML writers conform: both
/// write the same sections, in the same order, from the same `FollowUpReport`.
///
///     let html = HTMLReportWriter().write(try FollowUpReport(store: store))
public protocol FollowUpReportWriter: Sendable {
    /// The `--format` name: `md`, `html`.
    static var identifier: String { get }
    /// The whole document, ending with a line break.
    func write(_ report: FollowUpReport) -> String
}

extension ReportOrder {
    /// Every code in vocabulary order: the report's rows and columns.
    public init(vocabularies: Vocabularies, danish: Bool = false) {
        self.init(authorityTypes: vocabularies.authorityTypes.codes, categories: vocabularies.challenges.codes,
                  phases: vocabularies.phases.codes, severities: vocabularies.severity.codes,
                  resolved: vocabularies.resolved.codes, mitigations: vocabularies.mitigations.codes)
        // The first vocabulary to name a code labels it ("other" is a category and a measure).
        for vocabulary in [vocabularies.challenges, vocabularies.phases, vocabularies.authorityTypes, vocabularies.severity,
                           vocabularies.resolved, vocabularies.mitigations] {
            for entry in vocabulary.categories where labels[entry.code] == nil {
                labels[entry.code] = danish ? entry.danishLabel : entry.englishLabel
            }
        }
    }
}
