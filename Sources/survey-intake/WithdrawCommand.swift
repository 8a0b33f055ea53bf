import ArgumentParser
import Foundation
import SurveyModel
import SurveyStore

/// `survey-intake withdraw SUBMISSION_ID --reason TEXT --out DIR [--undo]`.
struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a wrongly ingested submission (or, with --undo, take the withdrawal back).",
        discussion: """
        A withdrawn submission is kept, with its original and everything derived from it, and \
        marked withdrawn in submissions.csv (status withdrawn, with the reason); it is never \
        current, so its challenges, measures and flags leave the exports, flags and the report, \
        and the latest earlier revision of its project and round becomes current again. --undo \
        makes it what it was. Both are in the audit log (survey-intake log) with the reason; \
        re-ingest and rebuild keep them. The exports are rewritten.

        Examples:
          survey-intake withdraw SP-2022-011-r2 --reason "Sendt for det forkerte projekt" \\
              --out intake-data
          survey-intake withdraw SP-2022-011-r2 --undo --reason "Alligevel det rigtige" \\
              --out intake-data

        Exit status: 0 done, 2 an unknown id, a submission already withdrawn (or, with --undo, \
        not withdrawn), or another usage error.
        """)

    @Argument(help: ArgumentHelp("The submission id.", valueName: "submission-id"))
    var id: String

    @Option(name: .long, help: ArgumentHelp("Why (required): kept with the withdrawal and in the audit log.", valueName: "text"))
    var reason: String

    @Flag(name: .long, help: "Take the withdrawal back.")
    var undo = false

    @OptionGroup var options: AnalystActionOptions

    func validate() throws {
        guard analystText(reason) != nil else {
            throw ValidationError(options.say("--reason must say why (it is blank)", "--reason skal sige hvorfor (den er tom)"))
        }
    }

    func run() throws {
        let vocabularies = try options.loadVocabularies()
        let current = try options.change(vocabularies: vocabularies) { store in
            do {
                return try store.withdraw(id, undo: undo, reason: analystText(reason) ?? reason, analyst: options.who,
                                          at: Timestamp.now())
            } catch WithdrawalRefusal.alreadyWithdrawn(let earlier) {
                throw Console.setupFailure(options.say(
                    "\(id) is withdrawn already (by \(earlier.analyst) at \(earlier.at): \(earlier.reason)); nothing was recorded",
                    "\(id) er allerede trukket tilbage (af \(earlier.analyst) \(earlier.at): \(earlier.reason)); intet er registreret"))
            } catch WithdrawalRefusal.notWithdrawn(let id) {
                throw Console.setupFailure(options.say("\(id) is not withdrawn; nothing to undo",
                                                       "\(id) er ikke trukket tilbage; intet at fortryde"))
            }
        }
        let now = current.map { options.say("current now: \($0)", "gældende nu: \($0)") }
            ?? options.say("no submission of its project and round is current now", "ingen indberetning for projektet og året er gældende nu")
        Console.line(undo
            ? options.say("\(id): withdrawal undone (by \(options.who)); \(now)", "\(id): tilbagetrækning fortrudt (af \(options.who)); \(now)")
            : options.say("\(id): withdrawn (by \(options.who)); \(now)", "\(id): trukket tilbage (af \(options.who)); \(now)"))
    }
}
