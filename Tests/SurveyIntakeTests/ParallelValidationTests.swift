import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("Validation on all cores")
struct ParallelValidationTests {
    /// 1,000 files from both formats: most valid, some schema-invalid, some not well-formed.
    private func thousandFiles() throws -> [String] {
        let folder = try TestSupport.temporaryDirectory()
        let format1 = try TestSupport.fixture("format1-complete.xml")
        let format2 = try TestSupport.fixture("format2-complete.xml")
        var paths: [String] = []
        for index in 0..<1000 {
            var text = index.isMultiple(of: 2) ? format1 : format2
            text = text.replacingOccurrences(of: "SP-2020-901", with: String(format: "SP-2020-%03d", index % 1000))
            if index.isMultiple(of: 7) {
                text = text.replacingOccurrences(of: "<Alvorlighed>4</Alvorlighed>", with: "<Alvorlighed>\(index)</Alvorlighed>")
                    .replacingOccurrences(of: "severity=\"high\"", with: "severity=\"extreme\"")
            }
            if index.isMultiple(of: 11) {
                text = text.replacingOccurrences(of: "</Projekt>", with: "</Projeckt>")
                    .replacingOccurrences(of: "</Project>", with: "</Projeckt>")
            }
            let path = folder.appendingPathComponent(String(format: "%04d.xml", index)).path
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            paths.append(path)
        }
        return paths
    }

    @Test("1,000 files on 4 threads give exactly the findings of a serial run")
    func parallelEqualsSerial() throws {
        let files = try thousandFiles()
        let validator = try TestSupport.validator()
        let summarise: @Sendable (String) -> [Finding] = { validator.validate(fileAt: $0).findings }
        let serial = ParallelWork.map(files, jobs: 1, work: summarise)
        let parallel = ParallelWork.map(files, jobs: 4, work: summarise)
        #expect(parallel == serial)
        let invalid = serial.filter { !$0.isEmpty }.count
        // Multiples of 7 or 11 below 1000: 143 + 91 - 13.
        #expect(invalid == 221)
    }

    @Test("forEach delivers results in input order whatever the chunking")
    func orderedDelivery() {
        var seen: [Int] = []
        ParallelWork.forEach(Array(0..<1000), jobs: 3, chunkSize: 64, work: { $0 * 2 }, deliver: { index, result in
            #expect(result == index * 2)
            seen.append(index)
        })
        #expect(seen == Array(0..<1000))
    }

    // `forEachChunk` lends `work` to a background thread under `withoutActuallyEscaping`. The
    // block that computed the next chunk used to hold `work` until libdispatch released it,
    // just after it signalled; when that came after the caller's last `wait()`, the process
    // trapped with "closure argument was escaped in withoutActuallyEscaping block" — in 1 call
    // of 4 with chunks this small (a debug or release build alike), and under ThreadSanitizer
    // in the end-to-end ingest tests.
    @Test("forEachChunk never lets `work` outlive the call: 2,000 calls of two tiny chunks")
    func workDoesNotEscape() {
        let offset = Int.random(in: 1...9)
        var total = 0
        for _ in 0..<2_000 {
            ParallelWork.forEachChunk(Array(0..<4), jobs: 2, chunkSize: 2, work: { $0 + offset }, deliver: { _, results in
                total += results.reduce(0, +)
            })
        }
        #expect(total == 2_000 * (6 + 4 * offset))
    }
}
