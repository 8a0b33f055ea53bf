import ArgumentParser
import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs
import SurveyService

/// `survey-intake rebuild --out DIR [--schemas DIR]`: derive every stored submission again
/// from its original with the current registry, vocabularies and dictionaries.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Derive every stored submission again from its original, with the current vocabularies.",
        discussion: """
        After an edit to the vocabularies or the data dictionaries (--schemas DIR), rebuild \
        applies it to everything stored: categories, answers, completeness and flags follow the \
        new files; which submission is current, the conflicts, the rejections and every original \
        stay as they were. The exports are rewritten.

        Example:
          survey-intake rebuild --out intake-data --schemas my-schemas

        Exit status: 0 rebuilt, 2 usage or setup error (no dataset, a registry that cannot be loaded).
        """)

    @Option(name: .long, help: ArgumentHelp("The dataset folder that ingest wrote.", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .customLong("csv-dialect"), help: "CSV dialect of the exports: rfc4180 or excel-da.")
    var csvDialect: CSVDialect = .rfc4180

    @Flag(name: .long, help: "Stop instead of waiting when another ingest or rebuild holds the dataset.")
    var noWait = false

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: MessageLanguage.help("Language of the summary and the warnings"))
    var language: MessageLanguage = .fromEnvironment()

    @OptionGroup var common: CommonOptions

    func run() throws {
        let pipeline = try common.loadPipeline()
        let rebuild = Rebuild(pipeline: pipeline, output: URL(fileURLWithPath: out), dialect: csvDialect, jobs: common.jobs)
        let summary: Rebuild.Summary
        do {
            summary = try rebuild.run(waitForLock: !noWait, waiting: {
                Console.waiting(for: out, danish: language == .da)
            })
        } catch {
            throw Console.setupFailure((error as? LocalizedError)?.errorDescription ?? "rebuild of \(out) failed: \(error)")
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            Console.json(String(decoding: (try? encoder.encode(summary)) ?? Data("{}".utf8), as: UTF8.self))
        case .text:
            if !common.quiet {
                for id in summary.withoutOriginal {
                    Console.error(language("survey-intake: warning: \(id): no original in the store (ingested before originals "
                        + "were kept); ingest its file again to keep it",
                        "survey-intake: warning: \(id): originalen er ikke gemt (indlæst, før originaler blev gemt); "
                        + "indlæs filen igen for at gemme den"))
                }
                for id in summary.keptAsTheyWere {
                    Console.error(language("survey-intake: warning: \(id): the current registry rejects its original or gives it "
                        + "another identity; kept as it was",
                        "survey-intake: warning: \(id): det nuværende register afviser originalen eller giver den "
                        + "en anden identitet; beholdt som den var"))
                }
            }
            let kept = summary.withoutOriginal.count + summary.keptAsTheyWere.count
            Console.out(language("\(summary.rebuilt) rebuilt, \(summary.changed) changed, \(kept) kept as they were. Dataset: \(out)/",
                                 "\(summary.rebuilt) genopbygget, \(summary.changed) ændret, \(kept) beholdt som de var. Datasæt: \(out)/"))
        }
    }
}
