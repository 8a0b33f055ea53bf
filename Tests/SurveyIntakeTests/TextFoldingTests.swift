import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("Taxonomy: text folding, inflected forms and typos")
struct TextFoldingTests {
    @Test("case, punctuation and spacing fold away", arguments: [
        ("Leverandørens  IT-sikkerhed!", "leverandoerens it sikkerhed"),
        ("  Adgang\ttil\ndata. ", "adgang til data"),
        ("Data/jura & GDPR", "data jura gdpr"),
        ("vendor's lock-in", "vendors lock in"),
        ("vendor’s", "vendors"),
        ("COVID-19", "covid 19"),
    ])
    func folds(text: String, folded: String) {
        #expect(TextFolding.fold(text) == folded)
    }

    @Test("æ ø å become ae oe aa, and accents are dropped", arguments: [
        ("Æøå ÆØÅ", "aeoeaa aeoeaa"), ("Idéfase", "idefase"), ("Müller", "muller"), ("Öl", "oel"),
        ("Afpro\u{0308}vning", "afproevning"), ("a\u{030A}bent", "aabent"),
    ])
    func foldsLetters(text: String, folded: String) {
        #expect(TextFolding.fold(text) == folded)
    }

    @Test("nothing but punctuation folds to nothing")
    func emptyFold() {
        #expect(TextFolding.words(" -?! … ").isEmpty)
    }

    @Test("inflected forms grow from the base form")
    func forms() {
        let kompetence = WordForms.forms(of: "kompetence")
        #expect(kompetence.isSuperset(of: ["kompetence", "kompetencer", "kompetencen", "kompetencerne"]))
        #expect(WordForms.forms(of: "leverandoer").isSuperset(of: ["leverandoerens", "leverandoerer", "leverandoererne"]))
        #expect(WordForms.forms(of: "etik").contains("etikken"))
        #expect(WordForms.forms(of: "udbud").contains("udbuddet"))
        #expect(WordForms.forms(of: "competency").contains("competencies"))
        #expect(!WordForms.forms(of: "bruger").contains("brugen"))
    }

    @Test("one edit away is a typo for a long word; two are not")
    func typos() {
        #expect(TypoTolerance.isTypo("kompetance", of: "kompetence"))
        #expect(TypoTolerance.isTypo("infrastuktur", of: "infrastruktur"))
        #expect(TypoTolerance.isTypo("leverandor", of: "leverandoer"))
        #expect(TypoTolerance.isTypo("finansering", of: "finansiering"))
        #expect(TypoTolerance.isTypo("gpdr", of: "gdpr"))
        #expect(TypoTolerance.isTypo("juar", of: "jura"))
        #expect(!TypoTolerance.isTypo("jurx", of: "jura"))
        #expect(!TypoTolerance.isTypo("kompatanse", of: "kompetence"))
        #expect(!TypoTolerance.isTypo("data", of: "data"))
    }
}
