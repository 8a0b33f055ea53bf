import SurveyModel
import SurveyXML

/// Format 1 (round 2021, Danish form export, `urn:signaturprojekter:statusrapport:1`).
///
/// Free text everywhere: phase, domain and challenge labels are normalised through the
/// vocabularies and the classifier; general measures are classified into mitigation codes.
public struct StatusrapportV1Mapping: SubmissionMapping {
    public let formatID = "statusrapport-1"

    public init() {}

    public func map(_ root: XMLElementNode, source: SubmissionSource, normaliser: AnswerNormaliser) -> Submission {
        mapWithEvidence(root, source: source, normaliser: normaliser).submission
    }

    public func mapWithEvidence(_ root: XMLElementNode, source: SubmissionSource, normaliser: AnswerNormaliser)
        -> (submission: Submission, evidence: SubmissionEvidence) {
        var evidence = SubmissionEvidence()
        let vocabularies = normaliser.vocabularies
        let project = root.child("Projekt")
        let authority = project?.child("Myndighed")
        let lead = root.child("Projektleder")
        let challengesElement = root.child("Udfordringer")

        let elements = challengesElement?.children(named: "Udfordring") ?? []
        let classifier = normaliser.classifier
        let placements = normaliser.placements(elements) { element in
            classifier.place(label: element.child("Kategori")?.text, description: element.child("Beskrivelse")?.text)
        }
        let challenges = zip(elements, placements).enumerated().map { offset, pair in
            let (element, placement) = pair
            let label = element.child("Kategori")
            let description = element.child("Beskrivelse")
            let placed = placement.classification
            evidence.challenges.append(placement.evidenceSummary)
            return Submission.Challenge(
                position: offset + 1,
                location: element.position,
                category: Answer(raw: label?.text, value: placed.category, position: label?.position ?? element.position),
                label: normaliser.text(label, in: element),
                code: .absent,
                subcategory: placed.subcategory,
                categorySource: placed.method.rawValue,
                description: normaliser.text(description, in: element),
                severity: normaliser.code(element.child("Alvorlighed"), in: element, vocabularies.normaliseSeverity),
                resolved: normaliser.code(element.child("Loest"), in: element, vocabularies.normaliseResolved),
                mitigation: normaliser.text(element.child("Tiltag"), in: element))
        }

        let measures = root.child("GenerelleTiltag")?.children(named: "Tiltag") ?? []
        let mitigations = measures.enumerated().map { offset, element in
            let placed = vocabularies.placeMitigation(element.text)
            evidence.mitigations.append(placed.evidenceSummary)
            return Submission.Mitigation(
                position: offset + 1,
                code: Answer(raw: nil, value: placed.code, position: element.position),
                codeSource: placed.source,
                text: normaliser.text(element, in: nil))
        }

        let submission = Submission(
            submissionId: Submission.derivedID(sha256: source.sha256),
            format: formatID,
            formatVersion: root.attribute("version") ?? source.formatVersion,
            round: Self.round(root) ?? 0,
            projectId: Self.projectId(root) ?? "",
            submittedAt: trimmed(root.child("Indsendt")?.text) ?? "",
            location: root.position,
            project: Submission.Project(
                title: normaliser.text(project?.child("Titel"), in: project),
                authority: normaliser.text(authority?.child("Navn"), in: authority ?? project),
                authorityType: normaliser.code(authority?.child("Type"), in: authority ?? project, vocabularies.normaliseAuthorityType),
                authorityCode: .absent,
                domain: normaliser.code(project?.child("Omraade"), in: project, vocabularies.normaliseDomain),
                phase: normaliser.code(project?.child("Fase"), in: project, vocabularies.normalisePhase),
                status: .absent),
            lead: Submission.Lead(
                name: normaliser.text(lead?.child("Navn"), in: lead ?? root),
                email: normaliser.text(lead?.child("Email"), in: lead ?? root)),
            challenges: challenges,
            declaredNoChallenges: false,
            challengesAnswered: challengesElement != nil,
            mitigations: mitigations,
            operationsPlan: .absent,
            usesStateITProjectModel: .absent,
            comments: normaliser.text(root.child("Bemaerkninger"), in: root))
        return (submission, evidence)
    }

    public func claimedIdentity(_ root: XMLElementNode) -> ClaimedIdentity {
        let lead = root.child("Projektleder")
        return ClaimedIdentity(projectId: Self.projectId(root), round: Self.round(root),
                               leadName: lead?.child("Navn")?.text, leadEmail: lead?.child("Email")?.text)
    }

    /// `Rapportaar`'s year (its first four characters).
    static func round(_ root: XMLElementNode) -> Int? {
        Int(trimmed(root.child("Rapportaar")?.text)?.prefix(4) ?? "")
    }

    static func projectId(_ root: XMLElementNode) -> String? {
        trimmed(root.child("Projekt")?.child("ProjektID")?.text)
    }
}
