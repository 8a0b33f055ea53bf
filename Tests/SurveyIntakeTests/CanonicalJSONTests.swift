import Foundation
import Testing
@testable import SurveyIntake

/// `canonical_json` must stay byte for byte what `JSONEncoder` with `.sortedKeys` writes.
@Suite("Canonical JSON is JSONEncoder's output")
struct CanonicalJSONTests {
    static func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    @Test func everySampleSubmission() throws {
        let pipeline = try IntakePipeline.load(registry: try TestSupport.registry())
        let files = try InputFiles.collect([TestSupport.samplesDirectory.path]).files
        var compared = 0
        for file in files {
            guard let submission = pipeline.process(fileAt: file).submission else { continue }
            #expect(try CanonicalJSON.encode(submission) == Self.foundation(submission), "\(file)")
            compared += 1
        }
        #expect(compared == 69)
    }

    @Test func awkwardText() throws {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        let awkward = controls + "\"quoted\" back\\slash a/b </x> \u{7F} \u{2028} æøå 🙂 e\u{301}"
        var submission = TestSubmissions.complete()
        submission.comments = Answer(raw: awkward, value: awkward, position: nil)
        submission.project.status = Answer(raw: nil, value: "", position: SourcePosition(line: 0, column: -1))
        submission.challenges[0].subcategory = "legal/gdpr"
        #expect(try CanonicalJSON.encode(submission) == Self.foundation(submission))
    }

    @Test func theWriterKnowsEveryFieldOfSubmission() {
        // False when a field was added to (or removed from) Submission or its parts without
        // teaching CanonicalJSON's writer: ingest then falls back to JSONEncoder.
        #expect(CanonicalJSON.writerIsExact)
    }

    @Test func probeWithEveryField() throws {
        let probe = CanonicalJSON.probe
        #expect(try CanonicalJSON.encode(probe) == Self.foundation(probe))
    }
}
