import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyIntake

/// A document with very many challenges places them on several threads (issue 13, item 4: the
/// heaviest valid files); what comes out must be what one thread gives, item for item.
@Suite("placing the challenges of a very large document on several threads")
struct ParallelPlacementTests {
    /// A format-2 report with `count` challenges, each with its own description (coded ones,
    /// `other` ones and uncoded ones in turn, so every kind of placement is taken).
    private func report(challenges count: Int) -> [UInt8] {
        let texts = ["Data fra journalsystemet kom for sent, og udtrækket manglede felter.",
                     "Medarbejderne var skeptiske over for algoritmen og brugte den ikke.",
                     "Leverandøren leverede modellen et halvt år for sent.",
                     "Vi manglede hjemmel til at behandle personoplysningerne."]
        let categories = ["data", "other", "", "legal"]
        var body = ""
        for index in 0..<count {
            let category = categories[index % categories.count]
            body += "<Challenge\(category.isEmpty ? "" : " category=\"\(category)\"") severity=\"high\" resolved=\"no\">"
                + (category == "other" ? "<OtherCategory>Udfordring nr. \(index)</OtherCategory>" : "")
                + "<Description>\(texts[index % texts.count]) Sag \(index).</Description><Mitigation>Møder.</Mitigation></Challenge>"
        }
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <StatusReport xmlns="urn:signaturprojekter:statusreport:2" version="2.0" submissionId="e57225f4-c206-45c0-a256-19f53edfeaa7">
            <Round>2022</Round><SubmittedAt>2022-11-21T13:40:05+01:00</SubmittedAt>
            <Project id="SP-2020-001"><Title>Mange udfordringer</Title></Project>
            <Challenges>\(body)</Challenges></StatusReport>
            """
        return Array(text.utf8)
    }

    @Test("two threads give the same submission, evidence and flags as one", arguments: [AnswerNormaliser.parallelPlacementFrom - 1, 2_000])
    func sameAsOneThread(count: Int) throws {
        let registry = try TestSupport.registry()
        let one = try IntakePipeline.load(registry: registry, placementJobs: 1)
        let two = try IntakePipeline.load(registry: registry, placementJobs: 2)
        let bytes = report(challenges: count)
        let serial = bytes.withUnsafeBytes { one.process(bytes: $0, path: "many.xml") }
        let parallel = bytes.withUnsafeBytes { two.process(bytes: $0, path: "many.xml") }
        let submission = try #require(serial.submission)
        #expect(submission.challenges.count == count)
        #expect(Set(submission.challenges.map(\.categorySource)).count > 1, "several kinds of placement are taken")
        #expect(parallel.submission == submission)
        #expect(parallel.evidence == serial.evidence)
        #expect(parallel.completeness == serial.completeness)
    }
}
