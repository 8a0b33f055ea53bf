import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake

@Suite("errors past the kept 500 are counted, not dropped (issue 14, item 5)")
struct ErrorCapTests {
    private func document(badValues count: Int) -> String {
        let challenges = (0..<count).map { "<Udfordring><Alvorlighed>x\($0)</Alvorlighed></Udfordring>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Statusrapport xmlns="urn:signaturprojekter:statusrapport:1" version="1.0"><Rapportaar>2021</Rapportaar>\
            <Indsendt>2021-11-15T14:32:10+01:00</Indsendt><Projekt><ProjektID>SP-2020-099</ProjektID></Projekt>\
            <Udfordringer>\(challenges)</Udfordringer></Statusrapport>
            """
    }

    @Test("600 bad values: 500 errors, then one that says how many more, in English and Danish")
    func counted() throws {
        let outcome = try TestSupport.validate(document(badValues: 600))
        #expect(outcome.rejection == .schemaInvalid)
        #expect(outcome.findings.count == 501)
        let last = try #require(outcome.findings.last)
        #expect(last.message == "and 100 more errors not listed: only the first 500 errors of a file are kept; "
            + "fix these and validate again to see the rest")
        #expect(last.messageDanish == "og 100 fejl mere, som ikke er vist: kun de første 500 fejl i en fil gemmes; "
            + "ret dem og valider igen for at se resten")
    }

    @Test("500 bad values exactly: no count line")
    func atTheLimit() throws {
        let outcome = try TestSupport.validate(document(badValues: 500))
        #expect(outcome.findings.count == 500)
        #expect(!outcome.findings.contains { $0.message.contains("errors not listed") })
    }
}
