import SurveyModel
import SurveyIntake
import SurveyStore

/// One output format of `survey-intake flags`. The text, CSV and JSON writers conform, so the
/// command picks one by its `--format` name and never knows the others' details.
///
///     let text = OpenFindingsCSVWriter().write(try store.openFindings())
public protocol OpenFindingsWriter: Sendable {
    /// The `--format` name: `text`, `csv`, `json`.
    static var identifier: String { get }
    /// The whole listing, ending with a line break (empty when there is nothing to list).
    func write(_ leads: [LeadFindings]) -> String
}

/// The listing for people: a heading per lead and per project, then each finding in the form of
/// a compiler's diagnostic, `path:line:column: warning: [rule] field: message (state)`, so editors
/// can jump to the answer. Text from the submissions is escaped for the terminal (`TerminalText`).
///
///     == Sofie Rahbek Mortensen <sofrah@kk.dk>: 2 findings in 1 project
///     -- SP-2020-005, round 2021: Chatbot til borgerservice (Københavns Kommune)
///     samples/2021/SP-2020-005.xml:7:5: warning: [missing] project.title: "Project title" is not answered. (open)
///
/// In Danish the headings read `== … : 2 fund i 1 projekt` and `-- SP-2020-005, runde 2021: …`;
/// `warning:` and the rule stay, for the editors and scripts that read them.
public struct OpenFindingsTextWriter: OpenFindingsWriter {
    public static let identifier = "text"
    /// Danish messages instead of English.
    public var danish: Bool

    /// A writer with English messages, or Danish ones when `danish`.
    public init(danish: Bool = false) {
        self.danish = danish
    }

    public func write(_ leads: [LeadFindings]) -> String {
        var lines: [String] = []
        for (index, group) in leads.enumerated() {
            if index > 0 { lines.append("") }
            let projects = group.projects.count
            lines.append(danish
                ? "== \(Self.describe(group.lead, danish: true)): \(group.findingCount) fund i \(projects) \(projects == 1 ? "projekt" : "projekter")"
                : "== \(Self.describe(group.lead)): \(Self.count(group.findingCount, "finding")) in " + Self.count(projects, "project"))
            for project in group.projects {
                for submission in project.submissions {
                    var heading = "-- \(project.projectId), \(danish ? "runde" : "round") \(submission.round)"
                    switch (submission.title, submission.authority) {
                    case let (title?, authority?): heading += ": \(title) (\(authority))"
                    case let (title?, nil): heading += ": \(title)"
                    case let (nil, authority?): heading += ": \(authority)"
                    case (nil, nil): break
                    }
                    lines.append(heading)
                    for finding in submission.findings {
                        lines.append("\(submission.sourceFile):\(finding.line):\(finding.column): warning: "
                            + "[\(finding.rule.rawValue)] \(finding.field): \(danish ? finding.messageDanish : finding.message) "
                            + "(\(FlagStateText.describe(finding, danish: danish)))")
                    }
                }
            }
        }
        // Each line is one line on a terminal: a value's control, bidi or line-break characters
        // are shown as `\u{…}`, never acted on (see `TerminalText`).
        return lines.isEmpty ? "" : lines.map { TerminalText.escaped($0, keepingLineBreaks: false) }.joined(separator: "\n") + "\n"
    }

    /// `Name <address>`, or whichever of the two is known.
    static func describe(_ lead: ProjectLead, danish: Bool = false) -> String {
        switch (lead.name, lead.email) {
        case let (name?, email?): return "\(name) <\(email)>"
        case let (name?, nil): return "\(name) " + (danish ? "(ingen e-mailadresse)" : "(no e-mail address)")
        case let (nil, email?): return "<\(email)>"
        case (nil, nil): return danish ? "(ingen projektleder angivet)" : "(no project lead given)"
        }
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
