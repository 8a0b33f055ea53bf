import SurveyModel
import SurveyStore
import SurveyOutputs

extension FlagsCommand {
    /// The rejected files still waiting for a corrected file, in the rounds and projects asked
    /// for; none when the letters are limited to some rules (those are about answers, not files).
    func unresolvedRejections(_ store: IntakeStore) throws -> [UnresolvedRejection] {
        guard rule.isEmpty else { return [] }
        do {
            return try store.unresolvedRejections(OpenFindingsFilter(rounds: Set(round), projects: Set(project)))
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
    }

    /// `PATH: Name, a rejected file (3 errors)`, in the language asked for.
    func rejectionLine(path: String, letter: FollowUpLetters.Written) -> String {
        let name = letter.lead.name
        if language == .da {
            let errors = letter.findingCount == 1 ? "1 fejl" : "\(letter.findingCount) fejl"
            return "\(path): \(name ?? "(intet navn)"), en afvist fil (\(errors))"
        }
        let errors = letter.findingCount == 1 ? "1 error" : "\(letter.findingCount) errors"
        return "\(path): \(name ?? "(no name)"), a rejected file (\(errors))"
    }
}
