import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// Writes the follow-up letters as `.eml` files, one per lead, named after the lead's e-mail
/// address (`sofrah@kk.dk.eml`), or `no-email-NAME.eml` when there is none, so the same
/// dataset always gives the same files. Existing files of those names are replaced; nothing
/// else in the folder is touched.
public struct FollowUpLetters {
    /// Writes each letter.
    public let composer: FollowUpLetterComposer

    /// Letters written by `composer`.
    public init(composer: FollowUpLetterComposer) {
        self.composer = composer
    }

    /// One written letter.
    public struct Written: Sendable, Hashable {
        /// The file name inside the folder.
        public var fileName: String
        public var lead: ProjectLead
        public var findingCount: Int
        public var submissionCount: Int
        /// False when the lead's address is missing or not valid: To must be filled in by hand.
        public var isAddressed: Bool
        /// The flags the letter lists, to record as asked.
        public var flags: [FlagKey]
        /// For a letter about a rejected file (`UnresolvedRejection`): its rejection id.
        public var rejection: Int64? = nil
    }

    /// Writes a letter for every lead in `leads` with open or asked findings into `folder`
    /// (created if absent); answered and waived findings are left out.
    /// After them, a letter for each of `rejections` (the lead of a rejected file, about what to
    /// fix), named after the lead's address, `-afvist-`, the project and the round.
    public func write(_ leads: [LeadFindings], rejections: [UnresolvedRejection] = [], into folder: URL) throws -> [Written] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var used: Set<String> = []
        var written: [Written] = []
        for group in Self.pending(leads) {
            let name = Self.uniqueName(Self.baseName(for: group), used: &used) + ".eml"
            let message = composer.letter(for: group)
            try DatasetExporter.replace(folder.appendingPathComponent(name), with: Array(message.encoded().utf8))
            written.append(Written(fileName: name, lead: group.lead, findingCount: group.findingCount,
                                   submissionCount: group.submissions.count, isAddressed: group.lead.hasPlausibleEmail,
                                   flags: group.submissions.flatMap { submission in
                                       submission.findings.map { $0.key(projectId: submission.projectId, round: submission.round) }
                                   }))
        }
        for rejection in rejections {
            let identity = rejection.claimed
            let about = Self.slug("afvist-\(identity.projectId ?? "")-\(identity.round.map(String.init) ?? "")".lowercased())
            let base = Self.baseName(lead: rejection.lead, projectId: identity.projectId)
            let name = Self.uniqueName(Self.bounded(base + "-" + about), used: &used) + ".eml"
            try DatasetExporter.replace(folder.appendingPathComponent(name), with: Array(composer.letter(for: rejection).encoded().utf8))
            written.append(Written(fileName: name, lead: rejection.lead, findingCount: rejection.errors.count, submissionCount: 1,
                                   isAddressed: rejection.lead.hasPlausibleEmail, flags: [], rejection: rejection.rejectionId))
        }
        return written
    }

    /// `leads` with only their open and asked findings: what a letter may still ask about.
    /// Submissions, projects and leads left without any are dropped.
    static func pending(_ leads: [LeadFindings]) -> [LeadFindings] {
        leads.compactMap { group in
            let projects = group.projects.compactMap { project -> ProjectFindings? in
                var project = project
                project.submissions = project.submissions.compactMap { submission -> SubmissionFindings? in
                    var submission = submission
                    submission.findings.removeAll { !FlagState.pending.contains($0.state) }
                    return submission.findings.isEmpty ? nil : submission
                }
                return project.submissions.isEmpty ? nil : project
            }
            return projects.isEmpty ? nil : LeadFindings(lead: group.lead, projects: projects)
        }
    }

    /// The address in lower case with anything but letters, digits and `@._+-` replaced;
    /// `no-email-` and the name, or the first project id, when there is no address. Bounded
    /// (`bounded`), so a 300-character address or name still makes a file.
    static func baseName(for group: LeadFindings) -> String {
        baseName(lead: group.lead, projectId: group.projects.first?.projectId)
    }

    static func baseName(lead: ProjectLead, projectId: String?) -> String {
        if let email = lead.email { return bounded(slug(email.lowercased())) }
        if let name = lead.name { return bounded("no-email-" + slug(name.lowercased())) }
        return bounded("no-lead-" + slug((projectId ?? "unknown").lowercased()))
    }

    /// The longest base name: with a counter and `.eml` far inside the 255 bytes a file name may have.
    static let longestBaseName = 100

    /// A longer name cut to 87 characters, then `-` and 12 hex digits of its SHA-256, so that two
    /// long addresses with the same start still get names of their own, the same on every run.
    static func bounded(_ name: String) -> String {
        guard name.utf8.count > longestBaseName else { return name }
        return String(name.prefix(longestBaseName - 13)) + "-" + SHA256.hex(of: Array(name.utf8)).prefix(12)
    }

    private static func uniqueName(_ base: String, used: inout Set<String>) -> String {
        var name = base.isEmpty ? "lead" : base
        var counter = 2
        while used.contains(name) {
            name = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(name)
        return name
    }

    /// æ → ae, ø → oe, å → aa; runs of other characters outside `a-z0-9@._+-` → one "-".
    static func slug(_ text: String) -> String {
        let spelled = text.replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "oe")
            .replacingOccurrences(of: "å", with: "aa")
        var result = ""
        for scalar in spelled.unicodeScalars {
            let allowed = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || "@._+-".unicodeScalars.contains(scalar)
            if allowed {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-") {
                result += "-"
            }
        }
        let trimmedDashes = result.drop { $0 == "-" || $0 == "." }.reversed().drop { $0 == "-" }.reversed()
        return String(trimmedDashes)
    }
}
