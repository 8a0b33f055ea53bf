import Foundation
import SurveyModel
import SurveyXML

/// Every controlled vocabulary of the tool, read from `vocabularies/` in the questionnaire
/// registry folder (the shipped `schemas/`, or the folder given with `--schemas`), each file
/// validated against `vocabularies/vocabulary.xsd`. Analysts edit the files; nothing is
/// compiled in.
///
///     let vocabularies = try Vocabularies.load(from: URL(fileURLWithPath: "schemas"))
///     vocabularies.normalisePhase("Pilotdrift")           // "pilot"
///     TaxonomyClassifier(vocabularies: vocabularies)
///         .classify(label: "Manglende hjemmel", description: nil).subcategory   // "legal.basis"
public final class Vocabularies: Sendable {
    /// The folder inside the registry folder.
    public static let folderName = "vocabularies"
    public static let schemaFileName = "vocabulary.xsd"
    /// The vocabulary files without `.xml`, in loading order: the function words come first
    /// because every other vocabulary leaves them out of its terms.
    public static let fileNames = [
        "function-words", "challenges", "mitigations", "phases", "domains", "authority-types", "severity", "resolved",
    ]

    /// The `vocabularies/` folder the files were read from.
    public let directory: URL
    /// Words dropped from answers and terms before matching ("og", "til", "the").
    public let functionWords: Set<String>
    /// The challenge taxonomy.
    public let challenges: Vocabulary
    public let mitigations: Vocabulary
    public let phases: Vocabulary
    public let domains: Vocabulary
    public let authorityTypes: Vocabulary
    public let severity: Vocabulary
    public let resolved: Vocabulary

    /// A class, not a struct: the pipeline hands the vocabularies to every answer it maps, and
    /// passing eight vocabularies by value retained and released each of their tables each time.
    init(directory: URL, functionWords: Set<String>, challenges: Vocabulary, mitigations: Vocabulary,
         phases: Vocabulary, domains: Vocabulary, authorityTypes: Vocabulary, severity: Vocabulary,
         resolved: Vocabulary) {
        self.directory = directory
        self.functionWords = functionWords
        self.challenges = challenges
        self.mitigations = mitigations
        self.phases = phases
        self.domains = domains
        self.authorityTypes = authorityTypes
        self.severity = severity
        self.resolved = resolved
    }

    /// Reads and validates every vocabulary file below `registryDirectory/vocabularies`.
    ///
    /// - Throws: `VocabularyError`; a file that is missing, not well-formed, breaks the schema
    ///   or is inconsistent gives `.invalid` with its file, line and column.
    public static func load(from registryDirectory: URL) throws(VocabularyError) -> Vocabularies {
        let reading = try read(from: registryDirectory)
        if let first = reading.problems.first { throw .invalid(first) }
        // Without problems every file was read; a vocabulary that is still absent is reported
        // like a missing file rather than trusted.
        func vocabulary(_ name: String) throws(VocabularyError) -> Vocabulary {
            guard let vocabulary = reading.vocabularies[name] else {
                let file = reading.directory.appendingPathComponent(name + ".xml").relativePath
                throw .invalid(file: file, line: 0, column: 0, message: "vocabulary file missing")
            }
            return vocabulary
        }
        return Vocabularies(
            directory: reading.directory,
            functionWords: reading.functionWords,
            challenges: try vocabulary("challenges"),
            mitigations: try vocabulary("mitigations"),
            phases: try vocabulary("phases"),
            domains: try vocabulary("domains"),
            authorityTypes: try vocabulary("authority-types"),
            severity: try vocabulary("severity"),
            resolved: try vocabulary("resolved")
        )
    }

    /// The vocabularies of the registry shipped with the tool (see
    /// `QuestionnaireRegistry.shippedDirectory()`).
    public static func shipped() throws(VocabularyError) -> Vocabularies {
        guard let directory = QuestionnaireRegistry.shippedDirectory() else {
            throw .missingDirectory("the shipped questionnaire registry (pass --schemas DIR)")
        }
        return try load(from: directory)
    }

    /// What reading the folder gave: every vocabulary that could be read, and every problem.
    struct Reading {
        var directory: URL
        var functionWords: Set<String>
        var vocabularies: [String: Vocabulary]
        var problems: [Finding]
    }

    /// Reads every file, going on past problems so that `taxonomy check` can list them all.
    ///
    /// - Throws: only when there is no folder or the schema does not compile.
    static func read(from registryDirectory: URL) throws(VocabularyError) -> Reading {
        let directory = registryDirectory.appendingPathComponent(folderName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingDirectory(directory.relativePath)
        }
        let schemaURL = directory.appendingPathComponent(schemaFileName)
        let schema: XMLSchema
        do {
            schema = try XMLSchema(contentsOf: schemaURL.path)
        } catch {
            let first = error.diagnostics.first
            throw .schemaDoesNotCompile(file: first?.file ?? schemaURL.relativePath, line: first?.line ?? 0,
                                        message: first?.message ?? "unknown error")
        }

        var reading = Reading(directory: directory, functionWords: [], vocabularies: [:], problems: [])
        for name in fileNames {
            let url = directory.appendingPathComponent(name + ".xml")
            guard FileManager.default.fileExists(atPath: url.path) else {
                reading.problems.append(Finding(severity: .error, file: url.relativePath, line: 0, column: 0,
                                                message: "vocabulary file missing"))
                continue
            }
            let (contents, problems) = VocabularyFile.read(url, schema: schema, functionWords: reading.functionWords)
            reading.problems += problems
            guard let contents else { continue }
            if name == "function-words" {
                reading.functionWords = contents.ignoredWords
                continue
            }
            reading.problems += missingFallback(in: contents, file: url.relativePath)
            let functionWords = reading.functionWords.union(contents.ignoredWords)
            reading.vocabularies[name] = Vocabulary(
                name: name, file: url.relativePath, description: contents.description, entries: contents.entries,
                genericWords: contents.genericWords, commonWords: contents.commonWords, commonWeight: contents.commonWeight,
                index: {
                    TermIndex(entries: contents.entries, functionWords: functionWords, genericWords: contents.genericWords,
                              commonWords: contents.commonWords, commonWeight: contents.commonWeight)
                })
        }
        return reading
    }

    /// Challenges and mitigations need an entry `other`: where what fits nowhere goes.
    private static func missingFallback(in contents: VocabularyFile.Contents, file: String) -> [Finding] {
        guard ["challenges", "mitigations"].contains(contents.name),
              !contents.entries.contains(where: { $0.code == TaxonomyClassifier.fallbackCode }) else { return [] }
        return [Finding(severity: .error, file: file, line: 1, column: 1,
                        message: "\(contents.name) needs an entry with code \"\(TaxonomyClassifier.fallbackCode)\" for what fits nowhere else")]
    }
}
