import Foundation
import SurveyModel
import SurveyXML

/// The whole path of one submission file: read → validate → map to the canonical submission →
/// check completeness. Each stage only knows the one before it; this type strings them together.
///
///     let pipeline = try IntakePipeline.load(registry: .shipped())
///     let result = pipeline.process(fileAt: "samples/2021/SP-2020-013.xml")
///     result.submission?.projectId        // "SP-2020-013"
///     result.completeness?.findings.map(\.rule)   // [.placeholder, .placeholder, …]
public struct IntakePipeline: Sendable {
    public let registry: QuestionnaireRegistry
    public let validator: SubmissionValidator
    public let mapper: SubmissionMapper
    public let completeness: CompletenessCatalog

    /// - Parameter placementJobs: threads that place the challenges of one document with very
    ///   many (`AnswerNormaliser.parallelPlacementFrom`); 1 places every document on the caller's.
    public init(registry: QuestionnaireRegistry, vocabularies: Vocabularies, completeness: CompletenessCatalog,
                maxBytes: Int = SubmissionValidator.defaultMaxBytes, placementJobs: Int = 1) {
        self.registry = registry
        validator = SubmissionValidator(target: .registry(registry), maxBytes: maxBytes)
        mapper = SubmissionMapper(vocabularies: vocabularies, placementJobs: placementJobs)
        self.completeness = completeness
    }

    /// Loads the vocabularies and data dictionaries that sit in the registry's folder.
    public static func load(registry: QuestionnaireRegistry, maxBytes: Int = SubmissionValidator.defaultMaxBytes,
                            placementJobs: Int = 1) throws -> IntakePipeline {
        let vocabularies = try Vocabularies.load(from: registry.directory)
        let completeness = try CompletenessCatalog.load(for: registry, vocabularies: vocabularies)
        let pipeline = IntakePipeline(registry: registry, vocabularies: vocabularies, completeness: completeness, maxBytes: maxBytes,
                                      placementJobs: placementJobs)
        if let unmapped = registry.formats.first(where: { !pipeline.mapper.supports($0.id) }) {
            throw DataFile.Failure(findings: [Finding(
                severity: .error, file: unmapped.directory.appendingPathComponent("format.json").path, line: 0, column: 0,
                message: "no mapping for format \(unmapped.id) in this version of survey-intake")])
        }
        return pipeline
    }

    /// Reads the file at `path` and runs every stage.
    public func process(fileAt path: String) -> IntakeResult {
        switch SourceFile.read(path, maxBytes: validator.maxBytes) {
        case .success(let bytes):
            return bytes.withUnsafeBytes { process(bytes: $0, path: path) }
        case .failure(let failure):
            return process(unread: failure, path: path)
        }
    }

    /// The rejection of a file that could not be read.
    public func process(unread failure: SourceFile.Failure, path: String) -> IntakeResult {
        IntakeResult(path: path, sha256: nil, size: nil, validation: validator.rejection(for: failure, path: path),
                     submission: nil, completeness: nil)
    }

    /// Runs every stage on bytes already in memory.
    public func process(bytes: UnsafeRawBufferPointer, path: String) -> IntakeResult {
        let sha256 = SHA256.hex(of: bytes)
        var validation = validator.validate(bytes: bytes, path: path)
        guard let root = validation.document, let formatID = validation.format,
              let format = registry.format(id: formatID) else {
            var claimed: ClaimedIdentity?
            if let rejected = validation.rejectedDocument, let formatID = validation.format {
                claimed = mapper.claimedIdentity(rejected, format: formatID)
            }
            validation.rejectedDocument = nil
            return IntakeResult(path: path, sha256: sha256, size: bytes.count, validation: validation, submission: nil, completeness: nil,
                                claimed: claimed)
        }
        validation.document = nil
        let source = SubmissionSource(sha256: sha256, formatVersion: format.manifest.version)
        let mapped = mapper.mapWithEvidence(root, format: formatID, source: source)
        var submission = mapped?.submission
        if let evidence = mapped?.evidence, submission != nil {
            for index in submission!.challenges.indices {
                submission!.challenges[index].evidence = evidence.challenge(position: submission!.challenges[index].position)
                submission!.challenges[index].labelKey = submission!.challenges[index].label.value.map(TextFolding.fold)
            }
            for index in submission!.mitigations.indices {
                submission!.mitigations[index].evidence = evidence.mitigation(position: submission!.mitigations[index].position)
            }
        }
        var report = submission.flatMap { submission in completeness.checker(for: formatID)?.check(submission) }
        if let flag = Self.encodingFlag(validation.findings) { report?.findings.append(flag) }
        return IntakeResult(path: path, sha256: sha256, size: bytes.count, validation: validation,
                            submission: submission, completeness: report, evidence: mapped?.evidence)
    }
}

/// Everything the pipeline learnt about one file.
public struct IntakeResult: Sendable {
    public var path: String
    /// SHA-256 of the bytes; nil when the file could not be read (or was too large to read).
    public var sha256: String?
    public var size: Int?
    public var validation: ValidationOutcome
    /// The canonical submission of a valid file.
    public var submission: Submission?
    /// The completeness check of that submission.
    public var completeness: CompletenessReport?
    /// What decided the taxonomy's placement of each of its challenges and general measures.
    public var evidence: SubmissionEvidence? = nil
    /// What a rejected document says about itself (project, round, lead), when it parsed.
    public var claimed: ClaimedIdentity? = nil

    public var isValid: Bool { validation.isValid }

    /// What the store keeps of this result, for bytes that came from `origin`.
    public func outcome(origin: Origin) -> IntakeOutcome {
        let verdict: IntakeOutcome.Verdict
        if let submission, let completeness {
            verdict = .accepted(submission, completeness)
        } else {
            verdict = .rejected(validation.rejection ?? .unreadable, validation.findings.filter { $0.severity == .error })
        }
        return IntakeOutcome(origin: origin, sha256: sha256, size: size, format: validation.format, verdict: verdict,
                             claimed: submission == nil ? claimed : nil)
    }

    /// Errors, then completeness warnings, as diagnostics for `path`; the encoding flag is left
    /// out, as the validator's warnings say the same at every place.
    public func findings(danish: Bool = false) -> [Finding] {
        validation.findings.map { $0.localized(danish: danish) }
            + (completeness?.findings.filter { $0.rule != .encoding }.map { $0.finding(file: path, danish: danish) } ?? [])
    }
}

extension IntakePipeline {
    /// The flag that keeps the validator's encoding warnings (UTF-8 read as Latin-1 or
    /// windows-1252) with the submission, so the lead is asked and the analyst sees it: one per
    /// submission, at the first place, counting the others; nil when there are none.
    static func encodingFlag(_ findings: [Finding]) -> CompletenessFinding? {
        let places = findings.filter { $0.rule == .encoding }
        guard let first = places.first else { return nil }
        let prefix = "[encoding] "
        func plain(_ message: String) -> String { message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message }
        let more = places.count - 1
        return CompletenessFinding(
            field: "encoding", rule: .encoding,
            messageDanish: plain(first.messageDanish ?? first.message) + (more == 0 ? "." : " (og \(more) steder mere)."),
            messageEnglish: plain(first.message) + (more == 0 ? "." : " (and \(more) more places)."),
            labelDanish: "Tegnsæt (encoding)", labelEnglish: "Character encoding", value: first.detail,
            position: SourcePosition(line: first.line, column: first.column))
    }
}
