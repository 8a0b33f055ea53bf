import Foundation
import SurveyModel
import SurveyXML

/// Checks one submission file: size, well-formedness, DOCTYPE refusal, questionnaire format by
/// namespace, and XSD validity. The first stage of the pipeline; knows nothing of what follows.
///
///     let validator = SubmissionValidator(target: .registry(try .shipped()))
///     let outcome = validator.validate(fileAt: "samples/2021/SP-2020-001.xml")
///     outcome.isValid        // true
///     outcome.format         // "statusrapport-1"
public struct SubmissionValidator: Sendable {
    /// What documents are checked against.
    public enum Target: Sendable {
        /// The questionnaire chosen by the root element's namespace.
        case registry(QuestionnaireRegistry)
        /// One XSD for every document (`validate --schema FILE.xsd`).
        case schema(XMLSchema)
    }

    /// 16 MiB: far above any real questionnaire (2–12 KB), far below what hurts.
    public static let defaultMaxBytes = 16 * 1024 * 1024

    public var target: Target
    /// Files larger than this are refused as `too-large` without being read.
    public var maxBytes: Int

    public init(target: Target, maxBytes: Int = SubmissionValidator.defaultMaxBytes) {
        self.target = target
        self.maxBytes = maxBytes
    }

    /// Reads and validates the file at `path`.
    public func validate(fileAt path: String) -> ValidationOutcome {
        switch SourceFile.read(path, maxBytes: maxBytes) {
        case .success(let bytes):
            return bytes.withUnsafeBytes { validate(bytes: $0, path: path) }
        case .failure(let failure):
            return rejection(for: failure, path: path)
        }
    }

    /// The outcome for a file that could not be read whole.
    /// A validator against the XSD at `path` instead of the registry (`validate --schema`).
    ///
    /// - Throws: `DataFile.Failure` with the schema's compile errors.
    public init(schemaAt path: String, maxBytes: Int = SubmissionValidator.defaultMaxBytes) throws(DataFile.Failure) {
        self.init(target: .schema(try DataFile.schema(path)), maxBytes: maxBytes)
    }

    func rejection(for failure: SourceFile.Failure, path: String) -> ValidationOutcome {
        switch failure {
        case .tooLarge(let size):
            return tooLarge(size, path: path)
        case .unreadable(let why):
            return .rejected(path: path, reason: .unreadable, message: "cannot read the file: \(why)",
                             danish: "filen kan ikke læses: \(why)")
        }
    }

    /// A file of `size` bytes, over `maxBytes`: refused unread.
    private func tooLarge(_ size: Int, path: String) -> ValidationOutcome {
        .rejected(path: path, reason: .tooLarge,
                  message: "the file is \(ByteCount.describe(size)), over the limit of \(ByteCount.describe(maxBytes)) (--max-size)",
                  danish: "filen fylder \(ByteCount.describe(size, danish: true)), over grænsen på \(ByteCount.describe(maxBytes, danish: true)) (--max-size)")
    }

    /// Validates bytes already in memory; `path` is used only to name the file in findings.
    public func validate(bytes: UnsafeRawBufferPointer, path: String) -> ValidationOutcome {
        guard bytes.count <= maxBytes else { return tooLarge(bytes.count, path: path) }
        guard !bytes.isEmpty else {
            return .rejected(path: path, reason: .notWellFormed, message: "the file is empty", danish: "filen er tom", line: 1, column: 1)
        }
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(bytes)
        } catch {
            if let violation = error.violation {
                let words = ValidationMessage.describe(violation)
                return ValidationOutcome(path: path, format: nil, findings: [
                    Finding(severity: .error, file: path, line: violation.position.line, column: violation.position.column,
                            message: words.english, reason: .tooLarge, messageDanish: words.danish),
                ], rejection: .tooLarge, document: nil)
            }
            var reason: RejectionReason = error.kind == .forbiddenDTD ? .forbiddenDTD : .notWellFormed
            // libxml2's own size limits (unreachable below `DocumentLimits`, kept as a net).
            if error.diagnostics.first.map(ValidationMessage.isLibxml2SizeLimit) == true { reason = .tooLarge }
            // Only the first: libxml2 goes on after a mismatched tag, and what follows is nearly
            // always a consequence of the first mistake.
            let findings = error.diagnostics.prefix(1).map { diagnostic in
                Finding(severity: .error, file: path, line: diagnostic.line, column: diagnostic.column,
                        message: ValidationMessage.describe(diagnostic, manifest: nil),
                        reason: reason, detail: ValidationMessage.excerpt(diagnostic.message, limit: 500),
                        messageDanish: ValidationMessage.describe(diagnostic, manifest: nil, danish: true))
            }
            return ValidationOutcome(path: path, format: nil, findings: findings, rejection: reason, document: nil)
        }

        let root = document.root
        let schema: XMLSchema
        let manifest: FormatManifest?
        switch target {
        case .schema(let given):
            schema = given
            manifest = nil
        case .registry(let registry):
            guard let format = registry.format(forNamespace: root.namespace) else {
                let known = registry.formats.map { "\($0.manifest.namespace) (\($0.id))" }.joined(separator: ", ")
                let claimed = root.namespace.map { "namespace \"\($0)\"" } ?? "no namespace"
                let danish = root.namespace.map { "er i navnerummet \"\($0)\", som ikke er et kendt spørgeskema" }
                    ?? "har intet navnerum og er derfor ikke et kendt spørgeskema"
                return ValidationOutcome(path: path, format: nil, findings: [
                    Finding(severity: .error, file: path, line: root.position.line, column: root.position.column,
                            message: "<\(root.name)> is in \(claimed), which is not a known questionnaire; known: \(known)",
                            reason: .unknownQuestionnaire, element: "/\(root.name)",
                            messageDanish: "<\(root.name)> \(danish); kendte: \(known)"),
                ], rejection: .unknownQuestionnaire, document: nil)
            }
            schema = format.schema
            manifest = format.manifest
        }

        let errors = schema.validate(document)
        let formatName = manifest?.id ?? schema.path
        guard errors.isEmpty else {
            let findings = errors.map { diagnostic in
                Finding(severity: .error, file: path, line: diagnostic.line, column: diagnostic.column,
                        message: ValidationMessage.describe(diagnostic, manifest: manifest),
                        reason: .schemaInvalid, element: diagnostic.elementPath,
                        detail: ValidationMessage.excerpt(diagnostic.message, limit: 500),
                        messageDanish: ValidationMessage.describe(diagnostic, manifest: manifest, danish: true))
            }
            return ValidationOutcome(path: path, format: formatName, findings: findings, rejection: .schemaInvalid, document: nil,
                                     rejectedDocument: root)
        }
        let warnings = Mojibake.applies(toDeclared: document.declaredEncoding)
            ? Mojibake.places(in: root, latin9: Mojibake.isLatin9(document.declaredEncoding)).map { mojibakeWarning($0, encoding: document.declaredEncoding ?? "", path: path) }
            : []
        return ValidationOutcome(path: path, format: formatName, findings: warnings, rejection: nil, document: root)
    }

    /// A warning, in English and Danish, for text that looks like UTF-8 read as `encoding`.
    private func mojibakeWarning(_ place: Mojibake.Place, encoding: String, path: String) -> Finding {
        let subject = place.attribute.map { "the attribute \($0) of <\(place.element)>" } ?? "<\(place.element)>"
        let emne = place.attribute.map { "attributten \($0) i <\(place.element)>" } ?? "<\(place.element)>"
        let value = ValidationMessage.excerpt(place.value)
        return Finding(
            severity: .warning, file: path, line: place.position.line, column: place.position.column,
            message: "[encoding] \(subject) looks like UTF-8 read as \(encoding): \"\(place.found)\" is probably "
                + "\"\(place.meant)\" (\"\(value)\"); the file declares encoding=\"\(encoding)\" but holds UTF-8: "
                + "save it with encoding=\"UTF-8\" in its XML declaration",
            element: place.path, detail: value, rule: .encoding,
            messageDanish: "[encoding] \(emne) ligner UTF-8 læst som \(encoding): «\(place.found)» er sandsynligvis "
                + "«\(place.meant)» («\(value)»); filen angiver encoding=\"\(encoding)\", men indeholder UTF-8: "
                + "ret XML-erklæringen til encoding=\"UTF-8\"")
    }
}

/// What validating one file found.
public struct ValidationOutcome: Sendable {
    /// The file as named in findings.
    public var path: String
    /// The questionnaire format id (or, with `--schema`, the XSD's path); nil when none applied.
    public var format: String?
    /// Errors (and, later in the pipeline, warnings) in document order.
    public var findings: [Finding]
    /// Why the file was rejected; nil when it is valid.
    public var rejection: RejectionReason?
    /// The validated document's root, for the mapping stage; nil when rejected.
    public var document: XMLElementNode?
    /// The root of a document that parsed but failed its schema: for reading what it says about
    /// itself (`SubmissionMapper.claimedIdentity`), never for mapping.
    public var rejectedDocument: XMLElementNode? = nil

    public var isValid: Bool { rejection == nil }

    static func rejected(
        path: String, reason: RejectionReason, message: String, danish: String, line: Int = 0, column: Int = 0
    ) -> ValidationOutcome {
        ValidationOutcome(path: path, format: nil, findings: [
            Finding(severity: .error, file: path, line: line, column: column, message: message, reason: reason, messageDanish: danish),
        ], rejection: reason, document: nil)
    }
}

/// Human-readable byte counts: "16 MiB", "20.5 MiB", "812 bytes" (in Danish "20,5 MiB").
public enum ByteCount {
    public static func describe(_ bytes: Int, danish: Bool = false) -> String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, unit) in units where bytes >= size {
            let value = Double(bytes) / Double(size)
            let figure = value == value.rounded() ? "\(Int(value))" : String(format: "%.1f", value)
            return (danish ? figure.replacingOccurrences(of: ".", with: ",") : figure) + " " + unit
        }
        return "\(bytes) bytes"
    }

    /// Parses "16MiB", "16M", "500k", "1048576" (binary units; case-insensitive).
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber }
        guard let number = Int(digits), number >= 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let multipliers: [String: Int] = [
            "": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
            "m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30,
        ]
        guard let multiplier = multipliers[unit] else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}
