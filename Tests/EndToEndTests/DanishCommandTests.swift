import Foundation
import Testing

/// Issue 14, item 11: a Danish analyst (`LANG=da_DK.UTF-8`) gets everything the CLI prints in
/// Danish; `--language en|da` overrides the locale. Exact lines and exit statuses.
@Suite("issue 14: Danish throughout, end to end", .serialized)
struct DanishCommandTests {
    private static let danish = ["LANG": "da_DK.UTF-8"]
    private static let fixedTime = ["SOURCE_DATE_EPOCH": "1669885200"]

    /// A copy of the samples, and `data` ingested from one valid and two broken files in Danish.
    private func workspace() throws -> (root: URL, ingest: CommandResult) {
        let root = try CommandRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("samples"),
                                         to: root.appendingPathComponent("samples"))
        let ingest = try CommandRunner.run(["ingest"] + Self.inputs + ["--out", "data"], in: root,
                                           environment: Self.danish.merging(Self.fixedTime) { $1 })
        return (root, ingest)
    }

    private static let inputs = ["samples/2022/SP-2020-016.xml", "samples/invalid/09-alvorlighed-as-text.xml",
                                 "samples/invalid/05-doctype-internal-entity.xml"]

    private static let severityFile = "samples/invalid/15-severity-critical.xml"
    private static let severityDanish = "samples/invalid/15-severity-critical.xml:17:5: error: attributten severity i <Challenge> "
        + "har værdien «critical»; forventet low, medium eller high\n1 fil kontrolleret: 0 gyldige, 1 ugyldig (1 schema-invalid).\n"
    private static let severityEnglish = "samples/invalid/15-severity-critical.xml:17:5: error: the attribute severity of <Challenge> "
        + "has the value \"critical\"; expected low, medium or high\n1 file checked: 0 valid, 1 invalid (1 schema-invalid).\n"

    @Test("the locale decides: LANG=da_DK.UTF-8 alone gives Danish, --language en beats it, LC_ALL then LC_MESSAGES come first")
    func localeDecides() throws {
        let root = CommandRunner.packageRoot
        let cases: [(environment: [String: String], options: [String], expected: String)] = [
            (Self.danish, [], Self.severityDanish),
            (Self.danish, ["--language", "en"], Self.severityEnglish),
            (Self.danish, ["--language=en"], Self.severityEnglish),
            ([:], [], Self.severityEnglish),
            ([:], ["--language", "da"], Self.severityDanish),
            (["LANG": "da_DK.UTF-8", "LC_ALL": "C"], [], Self.severityEnglish),
            (["LANG": "C.UTF-8", "LC_ALL": "da_DK.UTF-8"], [], Self.severityDanish),
            (["LANG": "C.UTF-8", "LC_MESSAGES": "da_DK.UTF-8"], [], Self.severityDanish),
            (["LANG": "da_DK.UTF-8", "LC_MESSAGES": "POSIX"], [], Self.severityEnglish),
            (["LANG": "da", "LC_ALL": ""], [], Self.severityDanish),
            (["LANG": "en_GB.UTF-8"], [], Self.severityEnglish),
        ]
        for (environment, options, expected) in cases {
            let run = try CommandRunner.run(["validate"] + options + [Self.severityFile], in: root, environment: environment)
            #expect(run.status == 1, "\(environment) \(options)")
            #expect(run.stdout == expected, "\(environment) \(options)")
            #expect(run.stderr == "")
        }
    }

    @Test("every --language help says the rule; the default shown is the locale's")
    func help() throws {
        let rule = "without it, the locale decides (LC_ALL, then LC_MESSAGES, then LANG: da_DK.UTF-8 or any value starting"
        for command in [["validate"], ["ingest"], ["flags"], ["report"], ["status"], ["show"], ["review"], ["waive"], ["correct"],
                        ["withdraw"], ["missing"], ["rebuild"], ["round", "open"], ["links"], ["taxonomy", "suggest"],
                        ["taxonomy", "evaluate"]] {
            let english = try CommandRunner.run(command + ["--help"])
            let words = english.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(english.status == 0)
            #expect(words.contains(rule), "\(command)")
            #expect(words.contains("(values: en, da; default: en)"), "\(command)")
            let danish = try CommandRunner.run(command + ["--help"], environment: Self.danish)
            #expect(danish.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("(values: en, da; default: da)"),
                    "\(command)")
        }
    }

    @Test("ingest in Danish: new and rejected lines with the Danish messages, the reasons as codes, the summary; --language en as before")
    func ingest() throws {
        let (root, first) = try workspace()
        #expect(first.status == 1)
        #expect(first.stderr == "")
        #expect(first.stdout == """
            ny: samples/2022/SP-2020-016.xml
            afvist (schema-invalid): samples/invalid/09-alvorlighed-as-text.xml:23:7: <Alvorlighed> har værdien «høj»; \
            forventet et helt tal fra 1 (mindre) til 5 (kritisk), eller tom
            afvist (forbidden-dtd): samples/invalid/05-doctype-internal-entity.xml:2:1: filen erklærer en DOCTYPE; en besvarelse \
            må ikke indeholde en DTD eller entitetserklæringer, så filen afvises ulæst
            1 ny, 0 uændrede, 0 erstattet, 2 afvist. Datasæt: data/

            """)
        let again = try CommandRunner.run(["ingest"] + Self.inputs + ["--out", "data"], in: root, environment: Self.danish)
        #expect(again.status == 1)
        #expect(again.stdout == "0 nye, 3 uændrede, 0 erstattet, 0 afvist (2 uændrede filer stadig afvist). Datasæt: data/\n")
        let dry = try CommandRunner.run(["ingest", "samples/2022/SP-2020-001.xml", "--out", "data", "--dry-run"], in: root,
                                        environment: Self.danish)
        #expect(dry.status == 0)
        #expect(dry.stdout == "ny: samples/2022/SP-2020-001.xml\n1 ny, 0 uændrede, 0 erstattet, 0 afvist. Datasæt: data/ "
            + "(prøvekørsel: intet skrevet)\n")
        try FileManager.default.copyItem(at: root.appendingPathComponent("data"), to: root.appendingPathComponent("lost"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("lost/intake.sqlite"))
        let lost = try CommandRunner.run(["ingest", "samples/2022/SP-2020-001.xml", "--out", "lost"], in: root, environment: Self.danish)
        #expect(lost.status == 2)
        #expect(lost.stderr.hasPrefix("survey-intake: error: lost/intake.sqlite mangler, men lost indeholder eksporter (csv/"))
        #expect(lost.stderr.hasSuffix("Gendan intake.sqlite fra en sikkerhedskopi, eller kør igen med --fresh for at begynde et nyt "
            + "datasæt der (eksporterne rummer så kun det, der indlæses fra nu af)\n"))
        let english = try CommandRunner.run(["ingest", "--language", "en"] + Self.inputs + ["--out", "data"], in: root,
                                            environment: Self.danish)
        #expect(english.stdout == "0 new, 3 unchanged, 0 superseded, 0 rejected (2 unchanged files still rejected). Dataset: data/\n")
    }

    @Test("validate in Danish: every message of the broken samples and the summary")
    func validate() throws {
        let run = try CommandRunner.run(["validate", "samples/invalid/01-unclosed-element.xml", "samples/invalid/06-unknown-namespace.xml",
                                         "samples/invalid/13-unknown-element-budget.xml", "samples/2022/SP-2020-001.xml"],
                                        in: CommandRunner.packageRoot, environment: Self.danish)
        #expect(run.status == 1)
        #expect(run.stdout == """
            samples/invalid/01-unclosed-element.xml:33:18: error: sluttagget </Udfordring> passer ikke til starttagget <Tiltag>, \
            der blev åbnet i linje 32
            samples/invalid/06-unknown-namespace.xml:2:1: error: <Statusrapport> er i navnerummet \
            "urn:signaturprojekter:statusrapport:3", som ikke er et kendt spørgeskema; kendte: \
            urn:signaturprojekter:statusrapport:1 (statusrapport-1), urn:signaturprojekter:statusreport:2 (statusreport-2)
            samples/invalid/13-unknown-element-budget.xml:14:5: error: <Budget> hører ikke til her: <Projekt> har ikke et sådant \
            element på dette sted
            4 filer kontrolleret: 1 gyldig, 3 ugyldige (1 not-well-formed, 1 schema-invalid, 1 unknown-questionnaire).

            """)
        let all = try CommandRunner.run(["validate", "samples"], in: CommandRunner.packageRoot, environment: Self.danish)
        #expect(all.stdout.hasSuffix("84 filer kontrolleret: 69 gyldige, 15 ugyldige (4 not-well-formed, 1 forbidden-dtd, "
            + "9 schema-invalid, 1 unknown-questionnaire). 27 advarsler om ufuldstændige svar i 12 filer.\n"))
        #expect(!all.stdout.contains(": error: the "), "no English message left")
    }

    @Test("flags in Danish: headers, states and summary; a coded answer quoted by its label, in the letters too")
    func flags() throws {
        let (root, _) = try workspace()
        let text = try CommandRunner.run(["flags", "--out", "data"], in: root, environment: Self.danish)
        #expect(text.status == 0)
        #expect(text.stdout == """
            == Helle Dahl Kristoffersen <hedk@viborg.dk>: 3 fund i 1 projekt
            -- SP-2020-016, runde 2022: Forudsigelse af faldrisiko hos borgere i hjemmeplejen (Viborg Kommune)
            samples/2022/SP-2020-016.xml:8:5: warning: [missing] project.domain: «Område» er ikke besvaret. (åben)
            samples/2022/SP-2020-016.xml:18:7: warning: [placeholder] challenges[1].description: Udfordring 1: «Beskrivelse» er \
            udfyldt med pladsholderen « kommer senere » i stedet for et svar. (åben)
            samples/2022/SP-2020-016.xml:22:7: warning: [placeholder] challenges[2].mitigation: Udfordring 2: «Hvad blev der \
            gjort?» er udfyldt med pladsholderen «Følger» i stedet for et svar. Spørgsmålet skal besvares, fordi «Løst?» er \
            besvaret med «Delvist». (åben)

            3 fund (3 åbne) i 1 indberetning fra 1 projekt, 1 projektleder.

            """)
        let english = try CommandRunner.run(["flags", "--out", "data", "--rule", "placeholder", "--language", "en"], in: root,
                                            environment: Self.danish)
        #expect(english.stdout.contains("It must be answered because \"Resolved?\" is answered \"Partly\". (open)\n"))
        #expect(english.stdout.hasSuffix("\n2 findings (2 open) in 1 submission of 1 project, 1 project lead.\n"))
        let none = try CommandRunner.run(["flags", "--out", "data", "--rule", "invalid-format"], in: root, environment: Self.danish)
        #expect(none.stdout == "Ingen åbne eller spurgte fund.\n")

        let letters = try CommandRunner.run(["flags", "--out", "data", "--letters", "letters", "--from", "a@example.org"], in: root,
                                            environment: Self.danish)
        #expect(letters.status == 0)
        // The lead of the rejected file that names its project gets a letter too.
        #expect(letters.stdout == "letters/hedk@viborg.dk.eml: Helle Dahl Kristoffersen, 3 fund i 1 rapport\n"
            + "letters/amho@kolding.dk-afvist-sp-2021-023-2021.eml: Anne Mette Holst, en afvist fil (1 fejl)\n"
            + "2 breve skrevet til letters/.\n")
        let letter = try String(contentsOf: root.appendingPathComponent("letters/hedk@viborg.dk.eml"), encoding: .utf8)
        let words = letter.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Spørgsmålet skal besvares, fordi «Løst?» er besvaret med «Delvist»."))
        #expect(!words.contains("«partly»"))
        let asked = try CommandRunner.run(["flags", "--out", "data", "--rule", "missing"], in: root, environment: Self.danish)
        #expect(asked.stdout.hasSuffix("\n1 fund (1 spurgt) i 1 indberetning fra 1 projekt, 1 projektleder.\n"))
    }

    @Test("status, show, review, rebuild and withdraw in Danish")
    func datasetCommands() throws {
        let (root, _) = try workspace()
        let status = try CommandRunner.run(["status", "--out", "data"], in: root, environment: Self.danish)
        #expect(status.status == 0)
        #expect(status.stdout == """
            Datasæt: data/
            Indberetninger: 1 gældende, 0 erstattede i 1 runde
              runde 2022: 1 gældende, 0 erstattede, 3 åbne fund
            Åbne fund: 3
            Afvist: 2 filer stadig afvist (2 afvisninger gemt)
            Seneste kørsler (nyeste først):
              #1 ingest, 2022-12-01T09:00:00Z til 2022-12-01T09:00:00Z: 3 filer set, 1 ny, 0 uændrede, 0 erstattet, 2 afvist

            """)
        let id = "c9f6937e-9f3d-4b6f-9def-7c5639a22088"
        let show = try CommandRunner.run(["show", id, "--out", "data"], in: root, environment: Self.danish)
        #expect(show.status == 0)
        #expect(show.stdout.hasPrefix("""
            indberetning \(id)
              projekt:         SP-2020-016 runde 2022
              status:          current
              indsendt:        2022-12-14T16:05:48+01:00
              fuldstændighed:  0,86
              oprindelse:      file samples/2022/SP-2020-016.xml

            """))
        #expect(show.stdout.hasSuffix("""
              fund: 3
                samples/2022/SP-2020-016.xml:8:5: warning: [missing] project.domain: «Område» er ikke besvaret.
                samples/2022/SP-2020-016.xml:18:7: warning: [placeholder] challenges[1].description: Udfordring 1: «Beskrivelse» \
            er udfyldt med pladsholderen « kommer senere » i stedet for et svar.
                samples/2022/SP-2020-016.xml:22:7: warning: [placeholder] challenges[2].mitigation: Udfordring 2: «Hvad blev der \
            gjort?» er udfyldt med pladsholderen «Følger» i stedet for et svar. Spørgsmålet skal besvares, fordi «Løst?» er \
            besvaret med «Delvist».

            """))
        // A rejected file, by its SHA-256: its error in Danish (rejection_errors.message_da).
        let rejected = try CommandRunner.run(["show", "bd91d11d", "--out", "data"], in: root, environment: Self.danish)
        #expect(rejected.status == 0)
        #expect(rejected.stdout.hasPrefix("afvist fil (schema-invalid)\n  oprindelse:      file samples/invalid/09-alvorlighed-as-text.xml\n"))
        #expect(rejected.stdout.hasSuffix("  fund: 1\n    samples/invalid/09-alvorlighed-as-text.xml:23:7: error: <Alvorlighed> har "
            + "værdien «høj»; forventet et helt tal fra 1 (mindre) til 5 (kritisk), eller tom\n"))
        let unknown = try CommandRunner.run(["show", "0000000000", "--out", "data"], in: root, environment: Self.danish)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "survey-intake: error: ingen indberetning eller fil 0000000000 i data: angiv et submission_id "
            + "eller en SHA-256 (8 eller flere hex-cifre) fra data/csv/submissions.csv eller rejected.csv\n")

        let review = try CommandRunner.run(["review", id, "--state", "approved", "--analyst", "mette", "--out", "data"], in: root,
                                           environment: Self.danish)
        #expect(review.status == 0)
        #expect(review.stdout == "1 indberetning har nu tilstanden approved (af mette).\n")
        let nobody = try CommandRunner.run(["review", "nope", "--state", "approved", "--out", "data"], in: root, environment: Self.danish)
        #expect(nobody.status == 2)
        #expect(nobody.stderr == "survey-intake: error: ingen indberetning med id'et 'nope' i data; intet er registreret "
            + "(survey-intake show ID slår én op; submissions.csv viser dem)\n")

        let rebuild = try CommandRunner.run(["rebuild", "--out", "data"], in: root, environment: Self.danish)
        #expect(rebuild.status == 0)
        #expect(rebuild.stdout == "1 genopbygget, 0 ændret, 0 beholdt som de var. Datasæt: data/\n")

        let withdraw = try CommandRunner.run(["withdraw", id, "--reason", "Forkert fil", "--analyst", "mette", "--out", "data"],
                                             in: root, environment: Self.danish)
        #expect(withdraw.status == 0)
        #expect(withdraw.stdout == "\(id): trukket tilbage (af mette); ingen indberetning for projektet og året er gældende nu\n")
        let withdrawn = try CommandRunner.run(["show", id, "--out", "data"], in: root, environment: Self.danish)
        #expect(withdrawn.stdout.contains("\n  status:          withdrawn\n  trukket tilbage: af mette "))
        #expect(withdrawn.stdout.contains(": Forkert fil\n  indsendt:        2022-12-14T16:05:48+01:00\n"))
    }

    @Test("analyst accounts, taxonomy check and report --output in Danish")
    func accountsAndChecks() throws {
        let (root, _) = try workspace()
        let added = try CommandRunner.run(["analyst", "add", "mette", "--out", "data"], in: root, environment: Self.danish,
                                          input: "et langt og hemmeligt kodeord\n")
        #expect(added.status == 0)
        #expect(added.stdout == "kontoen mette er oprettet (analyst).\n")
        let again = try CommandRunner.run(["analyst", "add", "mette", "--out", "data"], in: root, environment: Self.danish,
                                          input: "et andet langt kodeord\n")
        #expect(again.status == 2)
        #expect(again.stderr == "survey-intake: error: der findes allerede en konto med navnet 'mette'; "
            + "`survey-intake analyst password mette` sætter en ny adgangskode\n")
        let short = try CommandRunner.run(["analyst", "add", "karen", "--out", "data"], in: root, environment: Self.danish,
                                          input: "kort\n")
        #expect(short.status == 2)
        #expect(short.stderr == "survey-intake: error: en adgangskode har mindst 12 tegn; intet er ændret\n")
        let unknown = try CommandRunner.run(["analyst", "password", "ukendt", "--out", "data"], in: root, environment: Self.danish)
        #expect(unknown.stderr == "survey-intake: error: der er ingen konto med navnet 'ukendt' i dette datasæt "
            + "(`survey-intake analyst list` viser dem)\n")
        let badName = try CommandRunner.run(["analyst", "add", "to ord", "--out", "data"], in: root, environment: Self.danish)
        #expect(badName.status == 2)
        #expect(badName.stderr.contains("'to ord': et kontonavn har kun bogstaver, cifre, '.', '-', '_' og '@' (ingen mellemrum)"))
        let list = try CommandRunner.run(["analyst", "list", "--out", "data"], in: root, environment: Self.danish)
        #expect(list.stdout.hasPrefix("mette\tanalyst\toprettet "))
        #expect(list.stdout.contains("\tadgangskode sat "))
        let removed = try CommandRunner.run(["analyst", "remove", "mette", "--out", "data"], in: root, environment: Self.danish)
        #expect(removed.stdout == "kontoen mette er fjernet.\n")
        let none = try CommandRunner.run(["analyst", "list", "--out", "data"], in: root, environment: Self.danish)
        #expect(none.stdout == "ingen konti: serves sider for analytikere tager analytiker-tokenet "
            + "(survey-intake analyst add NAVN opretter en).\n")

        let check = try CommandRunner.run(["taxonomy", "check"], environment: Self.danish)
        #expect(check.status == 0)
        #expect(check.stdout == "8 ordlistefiler kontrolleret: ingen problemer.\n")

        try FileManager.default.createDirectory(at: root.appendingPathComponent("rep"), withIntermediateDirectories: true)
        let report = try CommandRunner.run(["report", "--out", "data", "--output", "rep"], in: root, environment: Self.danish)
        #expect(report.status == 2)
        #expect(report.stderr == "survey-intake: error: --output rep: er en mappe; angiv en fil, fx rep/report.html\n")
    }

    @Test("round open and list, a missing dataset and a mistyped command in Danish")
    func roundAndUnknownCommand() throws {
        let root = try CommandRunner.temporaryDirectory()
        try ("project_id,title,authority,authority_type,lead_name,lead_email\n"
            + "SP-2020-001,Tryksår,Testrup Kommune,kommune,Anne Testesen,anne@testrup.dk\n")
            .write(to: root.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let open = try CommandRunner.run(["round", "open", "2024", "--format", "statusreport-2", "--deadline", "2099-11-30",
                                          "--roster", "roster.csv", "--out", "data"], in: root, environment: Self.danish)
        #expect(open.status == 0)
        #expect(open.stdout == "runde 2024 åbnet: format statusreport-2, frist 2099-11-30, 1 projekt på deltagerlisten. Datasæt: data/\n")
        let list = try CommandRunner.run(["round", "list", "--out", "data"], in: root, environment: Self.danish)
        #expect(list.stdout == "2024  statusreport-2  frist 2099-11-30  1 projekt\n")
        let noFile = try CommandRunner.run(["validate", "nosuch.xml"], in: root, environment: Self.danish)
        #expect(noFile.status == 2)
        #expect(noFile.stderr == "survey-intake: error: nosuch.xml: filen eller mappen findes ikke\n")
        let noFolder = try CommandRunner.run(["ingest", "nosuch", "--out", "data"], in: root, environment: Self.danish)
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr == "survey-intake: error: nosuch: filen eller mappen findes ikke\n")
        let nowhere = try CommandRunner.run(["flags", "--out", "nowhere"], in: root, environment: Self.danish)
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr == "survey-intake: error: intet datasæt i nowhere: nowhere/intake.sqlite findes ikke; "
            + "kør først survey-intake ingest STI… --out nowhere\n")
        try Data().write(to: root.appendingPathComponent("-h.xml"))
        let optionLike = try CommandRunner.run(["validate", "-h.xml"], in: root, environment: Self.danish)
        #expect(optionLike.status == 2)
        #expect(optionLike.stderr.hasPrefix("survey-intake: fejl: '-h.xml' er en fil, men navnet begynder med '-'"))
        let english = try CommandRunner.run(["validate", "--language", "en", "-h.xml"], in: root, environment: Self.danish)
        #expect(english.stderr.hasPrefix("survey-intake: error: '-h.xml' is a file, but its name starts with '-'"))
        let unknown = try CommandRunner.run(["ingset", "samples"], environment: Self.danish)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("survey-intake: fejl: ukendt kommando 'ingset'. Mente du 'ingest'? Kommandoer: validate, "))
    }

    @Test("serve's own lines in Danish with --language da: the token, where it listens, and that it stopped on SIGTERM")
    func serveInDanish() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let running = try CommandRunner.start(["serve", "--out", dataset.path, "--listen", "127.0.0.1:0", "--language", "da"])
        let listening = running.waitForStderr(containing: "survey-intake serve: lytter på http://127.0.0.1:", timeout: 60)
        kill(running.process.processIdentifier, SIGTERM)
        let result = running.finish()
        #expect(listening, "\(result.stderr)")
        #expect(result.status == 0)
        #expect(result.stderr.contains("analytikernes token til denne kørsel (vælg selv et med --analyst-token-file): "))
        #expect(result.stderr.contains("/ (datasæt \(dataset.path))\n"))
        #expect(result.stderr.hasSuffix("survey-intake serve: stoppet\n"))
        #expect(!result.stderr.contains("listening on http"))
    }
}
