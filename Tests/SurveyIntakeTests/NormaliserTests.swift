import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("Taxonomy: normalisers of single answers")
struct NormaliserTests {
    @Test("phases: format 1's Danish free text and format 2's codes", arguments: [
        ("Idéfase", "preparation"), ("Idefase", "preparation"), ("Forberedelse", "preparation"),
        ("Analysefase", "preparation"), ("Udviklingsfase", "development"), ("Udvikling", "development"),
        ("Proof of concept", "development"), ("Test", "pilot"), ("Testfase", "pilot"), ("Afprøvning", "pilot"),
        ("Afproevning", "pilot"), ("Pilotdrift", "pilot"), ("Implementering", "implementation"),
        ("Udrulning", "implementation"), ("Overgang til drift", "implementation"), ("I drift", "operation"),
        ("Drift", "operation"), ("Lukket", "completed"), ("Afsluttet", "completed"),
        ("Afsluttet pilotdrift", "completed"), ("Stoppet", "stopped"), ("pilot", "pilot"),
        ("operation", "operation"), ("preparation", "preparation"),
    ])
    func phase(text: String, code: String) throws {
        #expect(try TaxonomyTestSupport.vocabularies().normalisePhase(text) == code)
    }

    @Test("phases: blank, placeholder or unknown text gives nil", arguments: [nil, "", "  ", "TBD", "Sat på pause"] as [String?])
    func unknownPhase(text: String?) throws {
        #expect(try TaxonomyTestSupport.vocabularies().normalisePhase(text) == nil)
    }

    @Test("domains: free text onto the seven codes", arguments: [
        ("Sundhed og ældre", "health"), ("Psykiatri", "health"), ("Ældreområdet", "health"),
        ("Klima og energi", "climate-energy"), ("Teknik og miljø", "climate-energy"),
        ("Beskæftigelse", "employment"), ("Jobcenter", "employment"), ("Børn og unge", "social"),
        ("Det specialiserede socialområde", "social"), ("Administration", "administration"),
        ("Borgerservice", "administration"), ("Uddannelse", "education"), ("Skoleområdet", "education"),
        ("Andet", "other"), ("climate-energy", "climate-energy"), ("health", "health"),
    ])
    func domain(text: String, code: String) throws {
        #expect(try TaxonomyTestSupport.vocabularies().normaliseDomain(text) == code)
    }

    @Test("domains: text naming no domain gives nil")
    func unknownDomain() throws {
        #expect(try TaxonomyTestSupport.vocabularies().normaliseDomain("Kultur og fritid") == nil)
    }

    @Test("severity: 1-2 low, 3 medium, 4-5 high; codes pass through", arguments: [
        ("1", "low"), ("2", "low"), ("3", "medium"), (" 3 ", "medium"), ("4", "high"), ("5", "high"),
        ("low", "low"), ("medium", "medium"), ("high", "high"), ("Høj", "high"), ("lav", "low"),
    ])
    func severity(text: String, code: String) throws {
        #expect(try TaxonomyTestSupport.vocabularies().normaliseSeverity(text) == code)
    }

    @Test("severity: out of range or blank gives nil", arguments: ["0", "6", "7", "", "?"])
    func unknownSeverity(text: String) throws {
        #expect(try TaxonomyTestSupport.vocabularies().normaliseSeverity(text) == nil)
    }

    @Test("resolved: ja/nej/delvist and yes/no/partly", arguments: [
        ("ja", "yes"), ("Ja", "yes"), ("yes", "yes"), ("løst", "yes"), ("nej", "no"), ("NEJ", "no"),
        ("no", "no"), ("ikke løst", "no"), ("delvist", "partly"), ("Delvis", "partly"), ("partly", "partly"),
    ])
    func resolved(text: String, code: String) throws {
        #expect(try TaxonomyTestSupport.vocabularies().normaliseResolved(text) == code)
    }

    @Test("resolved: a placeholder gives nil")
    func unknownResolved() throws {
        #expect(try TaxonomyTestSupport.vocabularies().normaliseResolved("?") == nil)
    }

    @Test("authority type: kommune and region, in either language and inside names", arguments: [
        ("kommune", "municipality"), ("Kommune", "municipality"), ("municipality", "municipality"),
        ("Odense Kommune", "municipality"), ("region", "region"), ("Region Syddanmark", "region"),
        ("Regionen", "region"),
    ])
    func authorityType(text: String, code: String) throws {
        #expect(try TaxonomyTestSupport.vocabularies().normaliseAuthorityType(text) == code)
    }

    @Test("authority type: anything else gives nil")
    func unknownAuthorityType() throws {
        #expect(try TaxonomyTestSupport.vocabularies().normaliseAuthorityType("KL") == nil)
    }

    @Test("general measures in free text become mitigation codes", arguments: [
        ("Vi tog dataadgang med i planlægningen fra start", "early-data-access"),
        ("Vi sikrede adgang til data tidligt i projektet", "early-data-access"),
        ("Anonymisering af data", "anonymisation"), ("Vi brugte syntetiske data", "anonymisation"),
        ("Fokus på transparens", "transparency"), ("Statens it-projektmodel", "it-project-model"),
        ("Tæt leverandørstyring", "vendor-governance"),
        ("Kompetenceudvikling af medarbejdere", "competence-building"),
        ("Ansat en data scientist", "competence-building"),
    ])
    func mitigation(text: String, code: String) throws {
        let result = try TaxonomyTestSupport.vocabularies().classifyMitigation(text)
        #expect(result.code == code)
        #expect(result.source == "text")
    }

    @Test("a measure no term places is other, unmapped", arguments: [nil, "", "Kaffe til alle", "Andet"] as [String?])
    func unmappedMitigation(text: String?) throws {
        let result = try TaxonomyTestSupport.vocabularies().classifyMitigation(text)
        #expect(result.code == "other")
        #expect(result.source == "unmapped")
    }
}
