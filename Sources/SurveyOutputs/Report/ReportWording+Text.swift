import SurveyModel

/// The report's headings, table headers, notes and chart captions, in Danish and English.
extension ReportWording {
    var title: String {
        words("Opfølgningsrapport: statusrapporter fra AI-signaturprojekterne",
              "Follow-up report: status reports of the AI signature projects")
    }

    // MARK: Headings (the `## ` of the Markdown, the `<h2>` of the HTML)

    var submissionsHeading: String { words("Indberetninger pr. runde", "Submissions per round") }
    var rejectedHeading: String { words("Afviste filer", "Rejected files") }
    var completenessHeading: String { words("Fuldstændighed", "Completeness") }
    var perRound: String { words("Pr. runde", "Per round") }
    var perAuthorityType: String { words("Pr. myndighedstype", "Per authority type") }
    var phasesHeading: String { words("Udfordringer efter projektfase", "Challenges by project phase") }
    var roundsHeading: String { words("Udfordringer pr. runde", "Challenges by round") }
    var outcomesHeading: String { words("Alvorlighed og løsning pr. kategori", "Severity and resolution by category") }
    var severity: String { words("Alvorlighed", "Severity") }
    var resolution: String { words("Løsning", "Resolution") }
    var mitigationsHeading: String { words("Anvendte tiltag", "Mitigations used") }
    var otherMeasuresHeading: String { words("Andre og ikke placerede tiltag", "Other and unplaced measures") }
    var unmappedHeading: String { words("Ikke placerede betegnelser", "Unmapped labels") }
    var unmappedAnswersHeading: String { words("Udfordringernes betegnelser og svar", "Challenge labels and answers") }
    var unplacedMeasuresHeading: String { words("Generelle tiltag", "General measures") }
    var findingsHeading: String { words("Projekter med flest åbne markeringer", "Projects with the most open findings") }
    var flagStatesHeading: String { words("Markeringer spurgt, besvaret og frafaldet", "Flags asked, answered and waived") }
    var contents: String { words("Indhold", "Contents") }

    // MARK: Table headers

    var round: String { words("Runde", "Round") }
    var total: String { words("I alt", "Total") }
    var category: String { words("Kategori", "Category") }
    var challenges: String { words("Udfordringer", "Challenges") }
    var measure: String { words("Tiltag", "Measure") }
    var authorityType: String { words("Myndighedstype", "Authority type") }
    var currentSubmissions: String { words("Aktuelle indberetninger", "Current submissions") }
    var submissionsHeader: [String] {
        [round, words("Accepteret", "Accepted"), words("Aktuelle", "Current"), words("Erstattede", "Superseded"),
         words("Afvist", "Rejected")]
    }
    var rejectedHeader: [String] { [round, words("Årsag", "Reason"), "Format", words("Filer", "Files")] }
    var notIdentified: String { words("ikke genkendt", "not identified") }
    func completenessHeader(_ group: String) -> [String] {
        [group, words("Indberetninger", "Submissions"), words("Gns. fuldstændighed", "Mean completeness"),
         words("Uden markeringer", "Without findings"), words("Åbne markeringer", "Open findings")]
    }
    func bandsHeader(_ group: String) -> [String] {
        [group] + FollowUpReport.CompletenessBand.allCases.map(band) + [total]
    }
    var unmappedHeader: [String] {
        [words("Spørgsmål", "Question"), words("Skrevet", "Written"), words("Gange", "Times"), words("Projekter", "Projects")]
    }
    var findingsHeader: [String] {
        [words("Projekt", "Project"), words("Titel", "Title"), words("Projektleder", "Lead"), words("Runder", "Rounds"),
         words("Åbne markeringer", "Open findings"), words("Efter regel", "By rule")]
    }
    var flagStatesHeader: [String] {
        [round, words("Åbne", "Open"), words("Spurgt", "Asked"), words("Besvaret", "Answered"), words("Frafaldet", "Waived"),
         words("Median dage til svar", "Median days to answer")]
    }

    /// The rows of the other-measures table: coded other by the lead, could not be placed.
    func otherMeasure(_ code: String) -> String {
        switch code {
        case FollowUpReport.otherMeasure: words("Angivet som «Andet» af projektlederen", "Marked Other by the lead")
        case FollowUpReport.unplacedMeasure: words("Teksten kunne ikke placeres", "Text could not be placed")
        default: code
        }
    }

    // MARK: What is said when there is nothing

    var noRejections: String { words("Ingen fil blev afvist.", "No file was rejected.") }
    var noSubmissions: String { words("Ingen aktuelle indberetninger.", "No current submissions.") }
    var nothingToCount: String { words("Intet at tælle.", "Nothing to count.") }
    var noChallenges: String { words("Ingen udfordringer.", "No challenges.") }
    var noMeasures: String { words("Ingen generelle tiltag er angivet.", "No general measures were listed.") }
    var allPlaced: String { words("Alle betegnelser og svar blev placeret.", "Every label and answer was placed.") }
    var allAnswersPlaced: String {
        words("Alle udfordringers betegnelser og svar blev placeret.", "Every challenge label and answer was placed.")
    }
    var allMeasuresPlaced: String { words("Alle generelle tiltag blev placeret.", "Every general measure was placed.") }
    var noFindings: String { words("Ingen åbne markeringer.", "No open findings.") }
    var noFlags: String { words("Ingen markeringer.", "No flags.") }

    func unplaced(_ count: Int) -> String {
        words("I alt kunne \(count) tiltag ikke placeres.",
              count == 1 ? "In all, 1 measure could not be placed." : "In all, \(count) measures could not be placed.")
    }

    // MARK: The short explanations under each heading, shared by both formats

    var rejectionsNote: String {
        words("En afvist fil tælles under den runde, den selv angiver, når den blev læst langt nok til at vise det (det "
              + "bliver de fleste filer, der strider mod skemaet); en, der ikke blev (ikke velformet, afvist ulæst), tælles "
              + "under «runde ukendt» og vises med hver runde, der spørges om.",
              "A rejected file is counted under the round it names when it was read far enough to tell "
              + "(most schema-invalid files are); one that was not (not well-formed, refused unread) is counted under "
              + "\"round not known\", and is listed with every round asked for.")
    }
    var completenessNote: String {
        words("Fuldstændighed er andelen af de krævede spørgsmål, der er besvaret (ikke tomme, ikke en pladsholder), "
              + "i gennemsnit over de aktuelle indberetninger. Spredningen viser, hvor mange indberetninger der ligger i hvert "
              + "interval: 100 % er alle krævede spørgsmål besvaret, 90–99 % mindst 90 % men ikke alle, og så fremdeles.",
              "Completeness is the share of required questions answered (not blank, not a placeholder), averaged over the "
              + "current submissions. The spread shows how many submissions fall in each band: 100% is every required "
              + "question answered, 90–99% at least 90% but not all, and so on.")
    }
    var phaseNote: String {
        words("Hvordan udfordringerne ændrer sig gennem et projekts liv: hver kolonne er den fase, projektet angav, og hver "
              + "celle tæller de udfordringer, der blev angivet i den fase, med cellens andel af kolonnen.",
              "How the challenges change over a project's life: each column is the phase the project "
              + "reported, and each cell counts the challenges reported in that phase, with its share of the column.")
    }
    var roundNote: String {
        words("De udfordringer, der blev angivet i hver runde, med hver kategoris andel af runden.",
              "The challenges reported in each round, with each category's share of the round.")
    }
    var severityNote: String {
        words("Alvorlighed og løsning af udfordringerne i hver kategori, som projektlederne vurderede dem.",
              "Severity and resolution of the challenges in each category, as the leads rated them.")
    }
    var mitigationNote: String {
        words("Hvor mange aktuelle indberetninger der angiver hver type generelt tiltag. Tiltag, der ikke er en af typerne "
              + "(angivet som «Andet», eller hvis tekst ikke kunne placeres), tælles for sig nedenfor.",
              "How many current submissions list each kind of general measure. Measures that are not one of the kinds "
              + "(marked Other, or whose text could not be placed) are counted apart below.")
    }
    var otherMeasuresNote: String {
        words("Aktuelle indberetninger, der angiver et generelt tiltag uden for typerne ovenfor, pr. runde. Pladsholdere "
              + "(«xx») tælles ikke. Teksterne, der ikke kunne placeres, står under «Ikke placerede betegnelser».",
              "Current submissions listing a general measure outside the kinds above, per round. Placeholders (\"xx\") "
              + "are not counted. The texts that could not be placed are listed under Unmapped labels.")
    }
    var unmappedNote: String {
        words("Til den, der vedligeholder taksonomien og ordlisterne: det, der ikke kunne placeres, gemt som skrevet. Først "
              + "udfordringernes betegnelser (talt under kategorien «Andet») og de øvrige svar, så de generelle tiltag (talt for "
              + "sig under «Anvendte tiltag»).",
              "For whoever maintains the taxonomy and vocabularies: what could not be placed, kept as written. Challenge "
              + "labels (counted under the category Other) and other answers first, then the general measures (counted "
              + "apart under Mitigations used).")
    }
    var findingsNote: String {
        words("De projekter, hvis aktuelle indberetninger har flest åbne markeringer, efter regel. survey-intake flags "
              + "viser dem pr. projektleder og skriver opfølgningsbrevene.",
              "The projects whose current submissions have the most open findings, by rule. "
              + "survey-intake flags lists them by project lead and writes the follow-up letters.")
    }
    var flagStatesNote: String {
        words("Hvad der blev af hver markering (ét spørgsmål i et projekts indberetning for en runde, det samme i alle "
              + "revisioner): åben, spurgt (et opfølgningsbrev eller en kvittering nævnte den), besvaret (en senere revision "
              + "har den ikke længere) eller frafaldet (en analytiker har besluttet, at den ikke betyder noget). Dagene til "
              + "et svar regnes fra, markeringen første gang blev spurgt om, til revisionen uden den kom.",
              "What became of each flag (one question of a project's report for a round, the same in "
              + "every revision): open, asked (a follow-up letter or a receipt listed it), answered (a later revision no "
              + "longer has it) or waived (an analyst decided it does not matter). The days to an answer run from when a "
              + "flag was first asked to when the revision without it arrived.")
    }
}
