import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Inputs found while fuzzing the whole pipeline (see RELIABILITY.md, "Fuzzing"), kept as bytes
/// fed through `IntakePipeline.process(bytes:path:)` with the outcome they must have.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    private func process(_ text: String) throws -> IntakeResult {
        let pipeline = try TestSupport.pipeline()
        return Array(text.utf8).withUnsafeBytes { pipeline.process(bytes: $0, path: "fuzz.xml") }
    }

    /// A valid format-1 report with one challenge whose label and description are given.
    private func format1(label: String, description: String, measure: String = "Faste møder") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Statusrapport xmlns="urn:signaturprojekter:statusrapport:1" version="1.0">
          <Rapportaar>2021</Rapportaar>
          <Indsendt>2021-11-15T14:30:00+01:00</Indsendt>
          <Projekt><ProjektID>SP-2020-001</ProjektID><Fase>Afprøvning</Fase></Projekt>
          <Udfordringer>
            <Udfordring><Kategori>\(label)</Kategori><Beskrivelse>\(description)</Beskrivelse></Udfordring>
          </Udfordringer>
          <GenerelleTiltag><Tiltag>\(measure)</Tiltag></GenerelleTiltag>
        </Statusrapport>
        """
    }

    /// Runs `body` and returns its result with the seconds it took.
    private func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    // Before the fix, the typo search tried every slice of a long answer word against every
    // ending and every one-letter deletion: cubic in the word's length. One 3,000-letter word in
    // <Kategori> took 15 s in a release build; this 20,000-letter one would have taken hours.
    @Test("one very long word in a label is unmapped at once, not searched for typos for hours")
    func longWordInLabel() throws {
        let (result, seconds) = try timed { try process(format1(label: String(repeating: "b", count: 20_000), description: "")) }
        #expect(result.isValid)
        let challenge = try #require(result.submission?.challenges.first)
        #expect(challenge.category.value == "other")
        #expect(challenge.categorySource == "unmapped")
        #expect(seconds < 30, "took \(seconds) s")
    }

    // A long word in a general measure goes through the same typo search (mitigation codes).
    @Test("one very long word in a general measure is unmapped at once")
    func longWordInMeasure() throws {
        let (result, seconds) = try timed {
            try process(format1(label: "Andet", description: "", measure: String(repeating: "dataadgang", count: 2_000)))
        }
        #expect(result.isValid)
        #expect(result.submission?.mitigations.first?.codeSource == "unmapped")
        #expect(seconds < 30, "took \(seconds) s")
    }

    // Before the fix, matching a description compared every match with every other one, and
    // every hit of a term's first word with every hit of its second: quadratic in the number of
    // words. 600 KB of "adgang data" took 215 s in a release build (60 KB took 2 s); these 320 KB take
    // about a second in a debug build.
    @Test("a long description of repeated terms is classified in linear time")
    func longDescription() throws {
        let (result, seconds) = try timed {
            try process(format1(label: "Andet", description: String(repeating: "adgang til data ", count: 20_000)))
        }
        #expect(result.isValid)
        let challenge = try #require(result.submission?.challenges.first)
        #expect(challenge.category.value == "data")
        #expect(challenge.subcategory == "data.access")
        #expect(challenge.categorySource == "description")
        #expect(seconds < 30, "took \(seconds) s")
    }
}
