import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore
import SurveyOutputs
import SurveyService

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the follow-up summary of the dataset as Markdown or HTML.",
        discussion: """
        Reads DIR/intake.sqlite (written by ingest) and summarises it: submissions per round \
        (accepted, current, superseded) and rejected files; completeness per round and per \
        authority type, with its spread (how many submissions at 100%, 90-99%, 75-89%, \
        50-74% and under 50%); challenge categories by project phase (a heat map in HTML, n \
        per phase, phases with fewer than 10 challenges in grey) and by round; severity and \
        resolution per category; the general measures used, with Other and the unplaced ones \
        apart; the challenge labels, and apart the measures, the taxonomy could not place; \
        and the projects with the most open findings. It follows the conversation: the review \
        states of each round's submissions, and each project across rounds (which challenge \
        categories persisted, were resolved or are new, project by project and per category).

        --language da writes the whole report in Danish: every heading, note, table, chart \
        and caption, the vocabularies' codes with their Danish labels, numbers as 98,5 % and \
        the HTML page as lang="da".

        --format md writes GitHub-flavoured Markdown tables; --format html writes one \
        self-contained page (inline CSS and SVG charts, nothing fetched) that also prints well.

        Examples:
          survey-intake report --out intake-data > report.md
          survey-intake report --out intake-data --format html --output report.html
          survey-intake report --out intake-data --format html --round 2022 --output report-2022.html
          survey-intake report --out intake-data --language da > rapport.md

        Exit status: 0, or 2 when the dataset cannot be read, --round names a round it has no \
        submission for (the error lists those it has), or the output cannot be written.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The dataset folder that ingest wrote.", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .long, help: "Output: md (Markdown) or html.")
    var format: ReportFormat = .md

    @Option(name: .long, help: ArgumentHelp("Only this round (rejected files are always counted whole).", valueName: "year"))
    var round: Int?

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: MessageLanguage.help("Language of the whole report"))
    var language: MessageLanguage = .fromEnvironment()

    @Option(name: .long, help: "How many projects to list under the most open findings.")
    var top: Int = 10

    @OptionGroup var registry: RegistryOption

    @Flag(name: .long, help: "Do not confirm where the report was written.")
    var quiet = false

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        if let output { try OutputPaths.checkFile(output, option: "--output", danish: language == .da) }
        let report: FollowUpReport
        let store: IntakeStore
        do {
            store = try IntakeStore(readingFrom: URL(fileURLWithPath: out))
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
        try DatasetFilter.check(store, out: out, rounds: round.map { [$0] } ?? [], projects: [], danish: language == .da)
        do {
            report = try FollowUpReport(store: store, order: ReportOrder(vocabularies: try registry.loadVocabularies(), danish: language == .da),
                                    round: round, top: top)
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
        let writer: any FollowUpReportWriter = switch format {
        case .md: MarkdownReportWriter(language: language == .da ? .da : .en)
        case .html: HTMLReportWriter(language: language == .da ? .da : .en)
        }
        let text = writer.write(report)
        guard let output else {
            Console.out(String(decoding: text.utf8.dropLast(), as: UTF8.self))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw Console.setupFailure("cannot write the report to \(output): \(OutputPaths.plain(error)); choose another file")
        }
        if !quiet { Console.out(language == .da ? "Rapporten er skrevet til \(output)." : "Report written to \(output).") }
    }
}

/// Output formats of `report`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case md
    case html
}
