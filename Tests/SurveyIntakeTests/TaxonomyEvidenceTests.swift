import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// The failures issue 15 lists, each with the evidence that now decides it.
@Suite("Taxonomy: evidence, margins, common words and word forms")
struct TaxonomyEvidenceTests {
    private func label(_ text: String) throws -> Placement {
        try TaxonomyTestSupport.classifier().place(label: text, description: nil)
    }

    private func description(_ text: String) throws -> Placement {
        try TaxonomyTestSupport.classifier().place(label: "Andet", description: text)
    }

    @Test("a placement names the terms that decided it")
    func evidenceOfAPlacement() throws {
        let placed = try label("Manglende hjemmel")
        #expect(placed.classification == Classification(category: "legal", subcategory: "legal.basis", method: .label))
        #expect(placed.evidence == [PlacementEvidence(term: "hjemmel", code: "legal.basis", weight: 1)])
        #expect(placed.evidenceSummary == "\"hjemmel\" → legal.basis")
        #expect(placed.candidates == [CategoryScore(code: "legal", score: 1)])
    }

    @Test("unmapped has no evidence, but keeps the scores it weighed")
    func unmappedHasNoEvidence() throws {
        let placed = try description("Vi havde problemer med leverandøren og med jura.")
        #expect(placed.classification == Classification(category: "other", method: .unmapped))
        #expect(placed.evidenceSummary == nil)
        #expect(Set(placed.candidates.map(\.code)) == ["legal", "vendor-management"])
    }

    @Test("a label's subcategory found in the description is part of the evidence")
    func subcategoryFromDescription() throws {
        let placed = try TaxonomyTestSupport.classifier().place(label: "Jura", description: "Vi manglede hjemmel til profileringen")
        #expect(placed.classification.code == "legal.basis")
        #expect(placed.evidenceSummary == "\"jura\" → legal; \"hjemmel\" → legal.basis")
    }

    @Test("words every AI project uses do not decide: the words that say what the problem is do", arguments: [
        ("Rettigheder til modellen", "vendor-management.contract", "\"rettighed\" → vendor-management.contract"),
        ("Åbenhed om brugen af algoritmer", "ethics.transparency", "\"åbenhed\" → ethics.transparency"),
        ("Svært at få udtræk fra journalsystemet", "data.access", "\"udtræk\" → data.access"),
    ])
    func commonWordsInLabels(text: String, code: String, evidence: String) throws {
        let placed = try label(text)
        #expect(placed.classification.code == code)
        #expect(placed.evidenceSummary == evidence)
    }

    @Test("a common word alone still places a label; in a description it places nothing")
    func commonWordAlone() throws {
        #expect(try label("Modellen").classification.code == "data.model")
        #expect(try label("Data").classification.code == "data")
        #expect(try description("Systemet og modellen kører, og brugerne er tilfredse.").classification.method == .unmapped)
        #expect(try description("Medarbejderne var skeptiske over for algoritmen.").classification.code == "organisation.users")
    }

    @Test("common terms of one category count once: training data and the model do not outweigh bias")
    func commonTermsCountOnce() throws {
        let placed = try description("Træningsdata var skæve, så modellen virkede dårligere for kvinder.")
        #expect(placed.classification.code == "ethics.bias")
        #expect(placed.candidates.first { $0.code == "data" }?.score == 0.25)
    }

    @Test("evidence split between two categories places nothing; a label naming two goes by priority")
    func margin() throws {
        #expect(try description("Vi havde problemer med leverandøren og med jura.").classification.method == .unmapped)
        #expect(try label("Leverandør og jura").classification.category == "legal")
        // A keyword each: no margin, and not two categories named outright.
        #expect(try label("Fagsystem og registrering").classification.method == .unmapped)
    }

    @Test("an abbreviation counts only where it stands as one: 6 mdr. is months, MDR the regulation")
    func acronyms() throws {
        #expect(try description("Vi fik først data efter 6 mdr.").classification.category != "legal")
        #expect(try label("MDR-krav").classification.code == "legal.regulation")
        #expect(try label("Krav i MDR").classification.code == "legal.regulation")
        #expect(try label("it-sikkerhed").evidence.map(\.term) == ["sikkerhed", "it"])
        // English "it" is no IT: explaining decides.
        let english = try description("We could not explain it to the citizens.")
        #expect(english.classification.code == "ethics.transparency")
        #expect(english.evidence.map(\.term) == ["explain"])
        #expect(!english.candidates.contains { $0.code == "infrastructure" })
    }

    @Test("apostrophe plurals, verbs of derived nouns and English phrases", arguments: [
        ("Mangel på GPU'er", "infrastructure.compute", "gpu"),
        ("Udbrede løsningen til flere kommuner", "operations.scaling", "udbredelse"),
        ("Management buy-in", "organisation.management-support", "management buy-in"),
        ("Frigjort tid er svær at måle", "finance.business-case", "frigjort tid"),
    ])
    func wordForms(text: String, code: String, term: String) throws {
        let placed = try label(text)
        #expect(placed.classification.code == code)
        #expect(placed.evidence.first?.term == term)
    }

    @Test("a verb in a sentence finds the derived noun: udlevere udtrækket is udlevering")
    func verbInSentence() throws {
        let placed = try description("Leverandøren ville ikke udlevere udtrækket.")
        #expect(placed.classification.code == "data.access")
        #expect(placed.evidence.map(\.term) == ["udtræk", "udlevering"])
    }

    @Test("the forms of a derived noun include its verb's; a short stem gets none")
    func verbForms() {
        let forms = WordForms.forms(of: "udbredelse")
        #expect(forms.isSuperset(of: ["udbrede", "udbreder", "udbredes", "udbredt", "udbredte"]))
        #expect(WordForms.forms(of: "udlevering").isSuperset(of: ["udlevere", "udleveret", "udleverede"]))
        #expect(WordForms.verbStem(of: "ledelse") == nil)
        #expect(WordForms.apostropheForms(of: "gpu").isSuperset(of: ["gpu", "gpuer", "gpuerne", "gpus"]))
    }

    @Test("folded tokens say which stand apart as abbreviations")
    func tokenMarks() {
        let tokens = TextFolding.tokens("MDR-krav efter 6 mdr. og GPU'er i it-afdelingen, IT")
        #expect(tokens.words == ["mdr", "krav", "efter", "6", "mdr", "og", "gpuer", "i", "it", "afdelingen", "it"])
        #expect(tokens.standsApart == [true, true, false, false, false, false, true, false, true, true, true])
        #expect(TextFolding.tokens("Æble-ØL").standsApart == [true, true])
    }

    @Test("a general measure keeps its evidence; one that fits no code has none")
    func mitigationEvidence() throws {
        let vocabularies = try TaxonomyTestSupport.vocabularies()
        let placed = vocabularies.placeMitigation("Vi brugte kun anonyme data")
        #expect(placed == MitigationPlacement(code: "anonymisation", source: "text",
                                              evidence: [PlacementEvidence(term: "anonym", code: "anonymisation", weight: 1)]))
        #expect(vocabularies.placeMitigation("Kaffe til alle") == MitigationPlacement(code: "other", source: "unmapped", evidence: []))
        #expect(vocabularies.classifyMitigation("Vi brugte kun anonyme data") == ("anonymisation", "text"))
    }

    @Test("the pipeline keeps the evidence of every challenge and measure beside the submission")
    func pipelineEvidence() throws {
        let pipeline = try TestSupport.pipeline()
        for file in ["2021/SP-2020-001.xml", "2022/SP-2020-002.xml"] {
            let result = pipeline.process(fileAt: TestSupport.samplesDirectory.appendingPathComponent(file).path)
            let submission = try #require(result.submission)
            let evidence = try #require(result.evidence)
            #expect(evidence.challenges.count == submission.challenges.count)
            #expect(evidence.mitigations.count == submission.mitigations.count)
            for challenge in submission.challenges {
                let text = evidence.challenge(position: challenge.position)
                // Evidence exactly where text placed something: a label, a description, or a coded subcategory.
                let placedFromText = challenge.categorySource == "label" || challenge.categorySource == "description"
                    || (challenge.categorySource == "coded" && challenge.subcategory != nil)
                #expect((text != nil) == placedFromText, "\(file) challenge \(challenge.position): \(text ?? "nil")")
                if let code = challenge.subcategory ?? challenge.category.value, let text, challenge.categorySource != "coded" {
                    #expect(text.contains("→ \(code)"), "\(file) challenge \(challenge.position): \(text)")
                }
            }
            for mitigation in submission.mitigations {
                #expect((evidence.mitigation(position: mitigation.position) != nil) == (mitigation.codeSource == "text"))
            }
        }
    }
}
