// libFuzzer entry point over the whole path of one submission: size check, BOM/encoding check,
// parse with the DOCTYPE refusal, validation against the questionnaire chosen by namespace (both
// shipped schemas), mapping, normalisation with the taxonomy classifier, completeness checks and
// the wording of every finding in both languages.
//
// The first byte of an input chooses how the rest becomes a file, so that both formats are
// reached without the fuzzer having to rediscover a root element and its namespace:
//
//     byte % 3 == 0   the rest is the whole file
//     byte % 3 == 1   an XML declaration and format 1's root start tag, then the rest
//     byte % 3 == 2   an XML declaration and format 2's root start tag (with a submissionId), then the rest
//
// scripts/fuzz builds the seed corpus from samples/ in these three forms. Besides crashes
// (which AddressSanitizer and Swift's own checks turn into reports), the target checks the
// pipeline's promises about its result and traps when one is broken.
import Foundation
import SurveyIntake
import SurveyModel

/// Loaded once: the shipped registry (both XSDs compiled), vocabularies, data dictionaries.
/// `SURVEY_INTAKE_SCHEMAS` overrides the checkout's `schemas/`.
let pipeline: IntakePipeline = {
    do {
        let registry: QuestionnaireRegistry
        if let override = ProcessInfo.processInfo.environment["SURVEY_INTAKE_SCHEMAS"], !override.isEmpty {
            registry = try QuestionnaireRegistry(directory: URL(fileURLWithPath: override))
        } else {
            // This file is Fuzz/Sources/IntakeFuzzer/IntakeFuzzer.swift.
            let checkout = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            registry = try QuestionnaireRegistry(directory: checkout.appendingPathComponent("schemas"))
        }
        return try IntakePipeline.load(registry: registry)
    } catch {
        fatalError("IntakeFuzzer: cannot load the pipeline: \(error)")
    }
}()

let prefixes: [[UInt8]] = [
    [],
    Array("""
    <?xml version="1.0" encoding="UTF-8"?>
    <Statusrapport xmlns="urn:signaturprojekter:statusrapport:1" version="1.0">
    """.utf8),
    Array("""
    <?xml version="1.0" encoding="UTF-8"?>
    <StatusReport xmlns="urn:signaturprojekter:statusreport:2" version="2.0" submissionId="3f2b8c1e-5d4a-4e6b-9c7d-2a1b0c9d8e7f">
    """.utf8),
]

let categorySources: Set<String> = ["coded", "label", "description", "unmapped"]
let mitigationSources: Set<String> = ["coded", "text", "unmapped"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    guard let mode = input.first else {
        check(pipeline.process(bytes: UnsafeRawBufferPointer(start: nil, count: 0), path: "fuzz.xml"), size: 0)
        return 0
    }
    let rest = input.dropFirst()
    let prefix = prefixes[Int(mode) % prefixes.count]
    if prefix.isEmpty {
        let bytes = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: rest))
        check(pipeline.process(bytes: bytes, path: "fuzz.xml"), size: bytes.count)
    } else {
        let file = prefix + rest
        file.withUnsafeBytes { check(pipeline.process(bytes: $0, path: "fuzz.xml"), size: $0.count) }
    }
    return 0
}

/// The pipeline's promises about one result; a broken one traps, and libFuzzer keeps the input.
func check(_ result: IntakeResult, size: Int) {
    let validation = result.validation
    promise(result.size == size, "size \(String(describing: result.size)) for \(size) bytes")
    promise(result.sha256.map { $0.count == 64 && $0.allSatisfy(\.isHexDigit) } ?? false, "no SHA-256")
    for finding in result.findings(danish: false) + result.findings(danish: true) {
        promise(finding.line >= 0 && finding.column >= 0, "negative position in \(finding)")
        promise(!finding.message.isEmpty, "empty message in \(finding)")
        _ = finding.formatted
    }
    if let rejection = validation.rejection {
        promise(!validation.isValid, "rejected yet valid")
        promise(validation.document == nil && result.submission == nil && result.completeness == nil,
                "a rejected file went on past validation")
        promise(validation.findings.contains { $0.severity == .error && $0.reason == rejection },
                "rejected as \(rejection.rawValue) without an error that says so")
    } else {
        promise(validation.findings.allSatisfy { $0.severity != .error }, "valid with an error")
        guard let submission = result.submission, let report = result.completeness else {
            return promise(false, "a valid file was not mapped or not checked")
        }
        promise(report.requiredCount >= 0 && report.answeredCount >= 0 && report.answeredCount <= report.requiredCount,
                "completeness counts \(report.answeredCount)/\(report.requiredCount)")
        promise((0...1).contains(report.score), "completeness score \(report.score)")
        promise(submission.format == validation.format, "mapped as \(submission.format), validated as \(validation.format ?? "-")")
        for (offset, challenge) in submission.challenges.enumerated() {
            promise(challenge.position == offset + 1, "challenge \(offset + 1) numbered \(challenge.position)")
            promise(categorySources.contains(challenge.categorySource), "category source \(challenge.categorySource)")
        }
        for (offset, mitigation) in submission.mitigations.enumerated() {
            promise(mitigation.position == offset + 1, "mitigation \(offset + 1) numbered \(mitigation.position)")
            promise(mitigationSources.contains(mitigation.codeSource), "mitigation source \(mitigation.codeSource)")
        }
    }
}

func promise(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data("IntakeFuzzer: broken promise: \(message())\n".utf8))
        abort()
    }
}
