import SurveyModel
import SurveyXML

/// Format 2 (round 2022, harmonised and coded, `urn:signaturprojekter:statusreport:2`).
///
/// Most answers are codes already; a challenge coded `other` (or not coded) is placed from its
/// `OtherCategory` label or, failing that, its description.
public struct StatusreportV2Mapping: SubmissionMapping {
    public let formatID = "statusreport-2"

    public init() {}

    public func map(_ root: XMLElementNode, source: SubmissionSource, normaliser: AnswerNormaliser) -> Submission {
        mapWithEvidence(root, source: source, normaliser: normaliser).submission
    }

    public func mapWithEvidence(_ root: XMLElementNode, source: SubmissionSource, normaliser: AnswerNormaliser)
        -> (submission: Submission, evidence: SubmissionEvidence) {
        var evidence = SubmissionEvidence()
        let vocabularies = normaliser.vocabularies
        let project = root.child("Project")
        let authority = project?.child("Authority")
        let lead = root.child("ProjectLead")
        let challengesElement = root.child("Challenges")

        let elements = challengesElement?.children(named: "Challenge") ?? []
        let classifier = normaliser.classifier
        let placements = normaliser.placements(elements) { element in
            let label = element.child("OtherCategory")?.text, description = element.child("Description")?.text
            if let coded = trimmed(element.attribute("category")), coded != "other" {
                return classifier.place(code: coded, label: label, description: description)
            }
            return classifier.place(label: label, description: description)
        }
        let challenges = zip(elements, placements).enumerated().map { offset, pair in
            let (element, placement) = pair
            let label = element.child("OtherCategory")
            let description = element.child("Description")
            let coded = trimmed(element.attribute("category"))
            let placed = placement.classification
            evidence.challenges.append(placement.evidenceSummary)
            let categoryRaw = coded ?? label?.text
            return Submission.Challenge(
                position: offset + 1,
                location: element.position,
                category: Answer(raw: categoryRaw, value: placed.category,
                                 position: coded == nil ? (label?.position ?? element.position) : element.position),
                label: normaliser.text(label, in: element),
                code: Answer(raw: element.attribute("category"), value: coded, position: element.position),
                subcategory: placed.subcategory,
                categorySource: placed.method.rawValue,
                description: normaliser.text(description, in: element),
                severity: normaliser.code(attribute: "severity", of: element, vocabularies.normaliseSeverity),
                resolved: normaliser.code(attribute: "resolved", of: element, vocabularies.normaliseResolved),
                mitigation: normaliser.text(element.child("Mitigation"), in: element))
        }

        let measures = root.child("Mitigations")?.children(named: "Mitigation") ?? []
        evidence.mitigations = measures.map { _ in nil }
        let mitigations = measures.enumerated().map { offset, element in
            Submission.Mitigation(
                position: offset + 1,
                code: Answer(raw: element.attribute("code"), value: trimmed(element.attribute("code")) ?? "other",
                             position: element.position),
                codeSource: "coded",
                text: normaliser.text(element, in: nil))
        }

        let submission = Submission(
            submissionId: trimmed(root.attribute("submissionId"))?.lowercased() ?? Submission.derivedID(sha256: source.sha256),
            format: formatID,
            formatVersion: root.attribute("version") ?? source.formatVersion,
            round: Self.round(root) ?? 0,
            projectId: Self.projectId(root) ?? "",
            submittedAt: trimmed(root.child("SubmittedAt")?.text) ?? "",
            location: root.position,
            project: Submission.Project(
                title: normaliser.text(project?.child("Title"), in: project),
                authority: normaliser.text(authority, in: project),
                authorityType: normaliser.code(attribute: "type", of: authority ?? project, vocabularies.normaliseAuthorityType),
                authorityCode: Answer.text(authority?.attribute("code"), at: authority?.position ?? project?.position),
                domain: normaliser.code(project?.child("Domain"), in: project, vocabularies.normaliseDomain),
                phase: normaliser.code(project?.child("Phase"), in: project, vocabularies.normalisePhase),
                status: normaliser.code(project?.child("Status"), in: project, trimmed)),
            lead: Submission.Lead(
                name: normaliser.text(lead?.child("Name"), in: lead ?? root),
                email: normaliser.text(lead?.child("Email"), in: lead ?? root)),
            challenges: challenges,
            declaredNoChallenges: challengesElement?.child("NoChallenges") != nil,
            challengesAnswered: challengesElement != nil,
            mitigations: mitigations,
            operationsPlan: normaliser.text(root.child("OperationsPlan"), in: root),
            usesStateITProjectModel: normaliser.code(root.child("UsesStateITProjectModel"), in: root, Self.boolean),
            comments: normaliser.text(root.child("Comments"), in: root))
        return (submission, evidence)
    }

    public func claimedIdentity(_ root: XMLElementNode) -> ClaimedIdentity {
        let lead = root.child("ProjectLead")
        return ClaimedIdentity(projectId: Self.projectId(root), round: Self.round(root),
                               leadName: lead?.child("Name")?.text, leadEmail: lead?.child("Email")?.text)
    }

    /// `Round`'s year (its first four characters).
    static func round(_ root: XMLElementNode) -> Int? {
        Int(trimmed(root.child("Round")?.text)?.prefix(4) ?? "")
    }

    static func projectId(_ root: XMLElementNode) -> String? {
        trimmed(root.child("Project")?.attribute("id"))
    }

    /// xs:boolean: true/1 → "true", false/0 → "false".
    static func boolean(_ text: String?) -> String? {
        switch trimmed(text) {
        case "true", "1": return "true"
        case "false", "0": return "false"
        default: return nil
        }
    }
}
