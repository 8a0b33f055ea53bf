// libFuzzer entry point over the web form of statusreport-2: posted fields → FormAnswers →
// QuestionnaireForm.document → the whole pipeline.
//
// The input is the posted form: `name=value` pairs separated by NUL bytes (a pair without `=`
// is a name with an empty value; the bytes are read as UTF-8, invalid sequences repaired as a
// server's form decoder would). The form's promise: `document` either throws a FormError that
// names what is wrong, or writes bytes the pipeline finds valid and maps to a submission with
// the link's identity. Anything else traps, and libFuzzer keeps the input.
import Foundation
import SurveyIntake
import SurveyModel

/// Loaded once: the shipped registry, vocabularies and data dictionaries, and the form.
/// `SURVEY_INTAKE_SCHEMAS` overrides the checkout's `schemas/`.
let (pipeline, form): (IntakePipeline, QuestionnaireForm) = {
    do {
        let registry: QuestionnaireRegistry
        if let override = ProcessInfo.processInfo.environment["SURVEY_INTAKE_SCHEMAS"], !override.isEmpty {
            registry = try QuestionnaireRegistry(directory: URL(fileURLWithPath: override))
        } else {
            // This file is Fuzz/Sources/FormFuzzer/FormFuzzer.swift.
            let checkout = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            registry = try QuestionnaireRegistry(directory: checkout.appendingPathComponent("schemas"))
        }
        let pipeline = try IntakePipeline.load(registry: registry)
        guard let format = registry.format(id: "statusreport-2"),
              let dictionary = pipeline.completeness.checker(for: "statusreport-2")?.dictionary,
              let form = QuestionnaireForm(format: format, dictionary: dictionary,
                                           vocabularies: pipeline.mapper.normaliser.vocabularies) else {
            fatalError("FormFuzzer: no form for statusreport-2")
        }
        return (pipeline, form)
    } catch {
        fatalError("FormFuzzer: cannot load the pipeline: \(error)")
    }
}()

let projectId = "SP-2020-007"
let submissionId = "3f2b8c1e-5d4a-4e6b-9c7d-2a1b0c9d8e7f"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    let fields = input.split(separator: 0, omittingEmptySubsequences: false).map { pair -> (name: String, value: String) in
        guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else {
            return (String(decoding: pair, as: UTF8.self), "")
        }
        return (String(decoding: pair[..<equals], as: UTF8.self), String(decoding: pair[(equals + 1)...], as: UTF8.self))
    }
    let answers = FormAnswers(fields: fields)
    promise(answers.challengeCount <= FormAnswers.maxItems && answers.mitigationCount <= FormAnswers.maxItems,
            "counts \(answers.challengeCount)/\(answers.mitigationCount)")
    let bytes: [UInt8]
    do {
        bytes = try form.document(answers, projectId: projectId, round: 2022, submissionId: submissionId,
                                  submittedAt: "2022-11-15T14:30:00Z")
    } catch {
        promise(!error.messageEnglish.isEmpty && !error.messageDanish.isEmpty, "a FormError without a message")
        if let field = error.field {
            promise(field == "noChallenges" || answers.values[field] != nil || field.hasPrefix("mitigations["),
                    "a FormError for \(field), which was not answered")
        }
        return 0
    }
    let result = bytes.withUnsafeBytes { pipeline.process(bytes: $0, path: "form.xml") }
    guard result.isValid, let submission = result.submission, result.completeness != nil else {
        let errors = result.validation.findings.filter { $0.severity == .error }.map(\.message)
        promise(false, "the form wrote a document the pipeline does not accept: \(errors)\n"
                + String(decoding: bytes, as: UTF8.self))
        return 0
    }
    promise(submission.projectId == projectId && submission.submissionId == submissionId && submission.round == 2022,
            "identity \(submission.projectId) \(submission.submissionId) \(submission.round)")
    promise(submission.declaredNoChallenges == answers.noChallenges, "noChallenges lost")
    return 0
}

func promise(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data("FormFuzzer: broken promise: \(message())\n".utf8))
        abort()
    }
}
