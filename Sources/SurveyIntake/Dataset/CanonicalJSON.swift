import Foundation

/// The `canonical_json` of a submission: byte for byte what Foundation's `JSONEncoder` writes
/// with `outputFormatting = [.sortedKeys]`, written directly instead of through `Codable`
/// (which cost a third of all the instructions of an ingest).
///
/// On Linux that encoder sorts keys by their UTF-8 bytes, escapes `"`, `\`, `/` and control
/// characters (`\b \f \n \r \t`, else `\u00xx` in lower-case hex), writes integers in decimal,
/// leaves out nil optionals and copies all other bytes. The writer below does the same, field by
/// field. So that a field added to `Submission` later can never be silently left out, the first
/// use checks with `Mirror` that every type still has exactly the fields written here, and that
/// a probe with every field set comes out the same as from `JSONEncoder`; if not, every
/// submission goes through `JSONEncoder` (slower, never different).
///
///     let json = CanonicalJSON.encode(submission)   // [UInt8]
enum CanonicalJSON {
    static func encode(_ submission: Submission) throws -> [UInt8] {
        guard writerIsExact else { return try foundation(submission) }
        var writer = Writer()
        writer.write(submission)
        return writer.bytes
    }

    static func foundation(_ submission: Submission) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(submission))
    }

    /// Whether the writer knows every field and agrees with `JSONEncoder` on a full probe.
    static let writerIsExact: Bool = {
        let probe = Self.probe
        let fields: [(Any, [String])] = [
            (probe, ["submissionId", "format", "formatVersion", "round", "projectId", "submittedAt", "location", "project",
                     "lead", "challenges", "declaredNoChallenges", "challengesAnswered", "mitigations", "operationsPlan",
                     "usesStateITProjectModel", "comments"]),
            (probe.project, ["title", "authority", "authorityType", "authorityCode", "domain", "phase", "status"]),
            (probe.lead, ["name", "email"]),
            (probe.challenges[0], ["position", "location", "category", "label", "code", "subcategory", "categorySource",
                                   "description", "severity", "resolved", "mitigation"]),
            (probe.mitigations[0], ["position", "code", "codeSource", "text"]),
            (probe.comments, ["raw", "value", "position"]),
            (probe.location, ["line", "column"]),
        ]
        for (value, names) in fields where Mirror(reflecting: value).children.map({ $0.label ?? "" }) != names {
            return false
        }
        var writer = Writer()
        writer.write(probe)
        return (try? foundation(probe)) == writer.bytes
    }()

    /// A submission with every field set, text that needs every kind of escape, and an absent answer.
    static var probe: Submission {
        let text = "\u{0}\u{1F}\u{8}\u{C}\n\r\t\"q\" b\\s a/b æ 🙂 e\u{301}"
        let answer = Answer(raw: text, value: "v", position: SourcePosition(line: 3, column: -4))
        let challenge = Submission.Challenge(
            position: 1, location: SourcePosition(line: 9, column: 5), category: answer, label: answer, code: .absent,
            subcategory: "legal/gdpr", categorySource: "label", description: answer, severity: answer, resolved: answer,
            mitigation: answer)
        let mitigation = Submission.Mitigation(position: 2, code: answer, codeSource: "coded", text: answer)
        return Submission(
            submissionId: "id", format: "f", formatVersion: "1.0", round: 2021, projectId: "SP-2020-001",
            submittedAt: text, location: SourcePosition(line: 2, column: 1),
            project: .init(title: answer, authority: answer, authorityType: answer, authorityCode: answer, domain: answer,
                           phase: answer, status: .absent),
            lead: .init(name: answer, email: answer), challenges: [challenge, challenge], declaredNoChallenges: true,
            challengesAnswered: false, mitigations: [mitigation], operationsPlan: answer, usesStateITProjectModel: answer,
            comments: answer)
    }
}

/// Writes a submission compactly, keys in UTF-8 order (the order of the calls below).
private struct Writer {
    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(16384)
    }

    mutating func write(_ submission: Submission) {
        open()
        key("challenges", first: true); array(submission.challenges) { $0.write($1) }
        key("challengesAnswered"); bool(submission.challengesAnswered)
        key("comments"); write(submission.comments)
        key("declaredNoChallenges"); bool(submission.declaredNoChallenges)
        key("format"); string(submission.format)
        key("formatVersion"); string(submission.formatVersion)
        key("lead"); open()
        key("email", first: true); write(submission.lead.email)
        key("name"); write(submission.lead.name)
        close()
        key("location"); write(submission.location)
        key("mitigations"); array(submission.mitigations) { $0.write($1) }
        key("operationsPlan"); write(submission.operationsPlan)
        key("project"); write(submission.project)
        key("projectId"); string(submission.projectId)
        key("round"); integer(submission.round)
        key("submissionId"); string(submission.submissionId)
        key("submittedAt"); string(submission.submittedAt)
        key("usesStateITProjectModel"); write(submission.usesStateITProjectModel)
        close()
    }

    mutating func write(_ project: Submission.Project) {
        open()
        key("authority", first: true); write(project.authority)
        key("authorityCode"); write(project.authorityCode)
        key("authorityType"); write(project.authorityType)
        key("domain"); write(project.domain)
        key("phase"); write(project.phase)
        key("status"); write(project.status)
        key("title"); write(project.title)
        close()
    }

    mutating func write(_ challenge: Submission.Challenge) {
        open()
        key("category", first: true); write(challenge.category)
        key("categorySource"); string(challenge.categorySource)
        key("code"); write(challenge.code)
        key("description"); write(challenge.description)
        key("label"); write(challenge.label)
        key("location"); write(challenge.location)
        key("mitigation"); write(challenge.mitigation)
        key("position"); integer(challenge.position)
        key("resolved"); write(challenge.resolved)
        key("severity"); write(challenge.severity)
        if let subcategory = challenge.subcategory { key("subcategory"); string(subcategory) }
        close()
    }

    mutating func write(_ mitigation: Submission.Mitigation) {
        open()
        key("code", first: true); write(mitigation.code)
        key("codeSource"); string(mitigation.codeSource)
        key("position"); integer(mitigation.position)
        key("text"); write(mitigation.text)
        close()
    }

    mutating func write(_ answer: Answer) {
        open()
        var first = true
        if let position = answer.position { key("position", first: first); write(position); first = false }
        if let raw = answer.raw { key("raw", first: first); string(raw); first = false }
        if let value = answer.value { key("value", first: first); string(value) }
        close()
    }

    mutating func write(_ position: SourcePosition) {
        open()
        key("column", first: true); integer(position.column)
        key("line"); integer(position.line)
        close()
    }

    // MARK: JSON pieces

    private mutating func open() { bytes.append(UInt8(ascii: "{")) }
    private mutating func close() { bytes.append(UInt8(ascii: "}")) }

    /// `"name":`, after a comma unless it is the first key of its object. Keys are plain ASCII.
    private mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func array<Element>(_ elements: [Element], _ write: (inout Writer, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    private mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A quoted, escaped string: runs that need no escape are copied whole.
    private mutating func string(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = string
        text.withUTF8 { utf8 in
            var mark = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") else {
                    continue
                }
                if index > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index])) }
                mark = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x00...0x1F:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0x0F)])
                default: bytes.append(byte)  // " \ /
                }
            }
            if utf8.count > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
