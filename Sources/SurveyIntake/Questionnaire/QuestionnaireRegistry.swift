import Foundation
import SurveyModel
import SurveyXML

/// The questionnaire formats the tool accepts, loaded from a folder such as `schemas/`.
///
/// Each subfolder with a `format.json` is one format; its XSD is compiled once here and shared
/// by every validation. A document is matched to a format by its root element's namespace and
/// nothing else: `xsi:schemaLocation` and the like are ignored.
///
///     let registry = try QuestionnaireRegistry.shipped()
///     registry.format(forNamespace: "urn:signaturprojekter:statusrapport:1")?.id  // "statusrapport-1"
public struct QuestionnaireRegistry: Sendable {
    /// The folder the registry was read from.
    public let directory: URL
    /// The formats, sorted by id.
    public let formats: [QuestionnaireFormat]

    /// Reads every `*/format.json` below `directory` and compiles each schema.
    public init(directory: URL) throws(RegistryError) {
        self.directory = directory
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingDirectory(directory.relativePath)
        }
        let entries = (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []
        var formats: [QuestionnaireFormat] = []
        for entry in entries.sorted() {
            let folder = directory.appendingPathComponent(entry)
            let manifestURL = folder.appendingPathComponent("format.json")
            guard fileManager.fileExists(atPath: manifestURL.path) else { continue }
            let manifest: FormatManifest
            do {
                manifest = try JSONDecoder().decode(FormatManifest.self, from: Data(contentsOf: manifestURL))
            } catch {
                throw .badManifest(manifestURL.path, String(describing: error))
            }
            let schemaPath = folder.appendingPathComponent(manifest.schema).path
            do {
                formats.append(QuestionnaireFormat(manifest: manifest, schema: try XMLSchema(contentsOf: schemaPath), directory: folder))
            } catch {
                throw .schemaDoesNotCompile(error)
            }
        }
        guard !formats.isEmpty else { throw .noFormats(directory.relativePath) }
        let namespaces = Dictionary(grouping: formats, by: \.manifest.namespace)
        if let (namespace, clash) = namespaces.first(where: { $0.value.count > 1 }) {
            throw .duplicateNamespace(namespace, clash.map(\.id))
        }
        self.formats = formats.sorted { $0.id < $1.id }
    }

    /// The format whose root element lives in `namespace`.
    public func format(forNamespace namespace: String?) -> QuestionnaireFormat? {
        formats.first { $0.manifest.namespace == namespace }
    }

    /// The format with the given id.
    public func format(id: String) -> QuestionnaireFormat? {
        formats.first { $0.id == id }
    }

    /// The registry shipped with the tool (see `shippedDirectory()`).
    public static func shipped() throws(RegistryError) -> QuestionnaireRegistry {
        guard let directory = shippedDirectory() else { throw .shippedRegistryNotFound(shippedCandidates().map(\.path)) }
        return try QuestionnaireRegistry(directory: directory)
    }

    /// Where the shipped registry is: `$SURVEY_INTAKE_SCHEMAS`, else the resource bundle
    /// beside the executable (`survey-intake_SurveyIntake.resources/schemas`, as SwiftPM builds
    /// it), else `../share/survey-intake/schemas` relative to the executable (an installed copy).
    public static func shippedDirectory() -> URL? {
        shippedCandidates().first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(".").path) }
    }

    static func shippedCandidates() -> [URL] {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["SURVEY_INTAKE_SCHEMAS"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        let folders = [executable.deletingLastPathComponent(), Bundle.main.bundleURL]
        for folder in folders {
            candidates.append(folder.appendingPathComponent("survey-intake_SurveyIntake.resources/schemas"))
            candidates.append(folder.appendingPathComponent("../share/survey-intake/schemas").standardizedFileURL)
        }
        // On Linux the executable's folder and the main bundle are the same: each place once.
        var seen: Set<String> = []
        return candidates.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }
}

/// Why the questionnaire registry could not be loaded: a setup error (exit status 2).
public enum RegistryError: Error, LocalizedError {
    case missingDirectory(String)
    case shippedRegistryNotFound([String])
    case noFormats(String)
    case badManifest(String, String)
    case schemaDoesNotCompile(XMLSchemaError)
    case duplicateNamespace(String, [String])

    public var errorDescription: String? {
        switch self {
        case .missingDirectory(let path):
            return "questionnaire registry \(path) is not a folder"
        case .shippedRegistryNotFound(let tried):
            return "the shipped questionnaire registry was not found (looked in \(tried.joined(separator: ", "))); pass --schemas DIR"
        case .noFormats(let path):
            return "no questionnaire formats in \(path): expected subfolders with a format.json"
        case .badManifest(let path, let reason):
            return "\(path): not a valid format manifest: \(reason)"
        case .schemaDoesNotCompile(let error):
            let first = error.diagnostics.first
            return "\(first?.file ?? error.path):\(first?.line ?? 0): schema does not compile: \(first?.message ?? "unknown error")"
        case .duplicateNamespace(let namespace, let ids):
            return "formats \(ids.joined(separator: " and ")) claim the same namespace \(namespace)"
        }
    }
}
