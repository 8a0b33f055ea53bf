/// What an analyst's category correction applies to: one challenge, or every challenge whose
/// label folds to the same text.
public enum CorrectionScope: Sendable, Hashable, Codable {
    /// The challenge at `position` (1-based) of one submission.
    case challenge(submissionId: String, position: Int)
    /// Every challenge whose label, folded as the taxonomy folds text (`TextFolding.fold`), is
    /// `key`; `label` is the text as the analyst wrote it.
    case label(key: String, label: String)

    /// How the scope is named in the audit log and in `correct --list`.
    public var subject: String {
        switch self {
        case .challenge(let id, let position): "\(id) challenges[\(position)]"
        case .label(_, let label): "label \"\(label)\""
        }
    }
}

/// An analyst's category for a challenge, or for a label: it wins over the classifier (a
/// challenge's over a label's), is kept across re-ingest and rebuild, and is exported with
/// `category_source` = `analyst`.
public struct CategoryCorrection: Sendable, Hashable {
    public var id: Int64
    public var scope: CorrectionScope
    public var category: String
    public var subcategory: String?
    public var analyst: String
    public var at: String
    public var note: String?

    /// The code placed: the subcategory when there is one, else the category.
    public var code: String { subcategory ?? category }

    public init(id: Int64, scope: CorrectionScope, category: String, subcategory: String?, analyst: String, at: String,
                note: String?) {
        self.id = id
        self.scope = scope
        self.category = category
        self.subcategory = subcategory
        self.analyst = analyst
        self.at = at
        self.note = note
    }
}

/// A submission an analyst withdrew (wrongly ingested): kept with its original, no longer
/// current; the reason, who and when. `withdraw --undo` takes it back (both are in the audit log).
public struct Withdrawal: Sendable, Hashable, Codable {
    public var submissionId: String
    public var reason: String
    public var analyst: String
    public var at: String

    public init(submissionId: String, reason: String, analyst: String, at: String) {
        self.submissionId = submissionId
        self.reason = reason
        self.analyst = analyst
        self.at = at
    }
}
