import Foundation
import GRDB
import SurveyModel

/// Why a correction could not be made or removed (nothing was recorded).
public enum CorrectionRefusal: Error, Equatable {
    /// The submission holds no challenge at that position; `count` is how many it has.
    case noSuchChallenge(submissionId: String, position: Int, count: Int)
    /// No correction in force has this id.
    case noSuchCorrection(Int64)
    /// A label that folds to nothing (only punctuation or spaces).
    case emptyLabel(String)
}

extension IntakeStore {
    /// Sets the category (and subcategory) of every challenge in `scope`, with the audit log's
    /// line, in one transaction: a correction of the same scope made earlier is replaced. The
    /// stored rows of current, superseded and withdrawn submissions change at once; later
    /// ingests and rebuilds apply it again (see `insertDetails`). `fold` is the taxonomy's
    /// folding (`TextFolding.fold`), for the labels of rows stored before their fold was kept.
    ///
    /// Codes are the caller's to check against the vocabulary: the store knows no vocabulary.
    ///
    /// - Returns: the correction and how many stored challenges it now decides.
    /// - Throws: `UnknownSubmissions` or `CorrectionRefusal` when nothing was recorded.
    @discardableResult
    public func correct(_ scope: CorrectionScope, category: String, subcategory: String?, note: String?,
                        analyst: String, at time: String, fold: (String) -> String) throws -> (CategoryCorrection, applied: Int) {
        try immediateTransaction { db in
            var key: (submission: String?, position: Int?, label: String?, text: String?) = (nil, nil, nil, nil)
            switch scope {
            case .challenge(let id, let position):
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM submissions WHERE submission_id = ?)",
                                        arguments: [id]) ?? false else { throw UnknownSubmissions(ids: [id]) }
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM challenges WHERE submission_id = ?", arguments: [id]) ?? 0
                guard position >= 1, position <= count else {
                    throw CorrectionRefusal.noSuchChallenge(submissionId: id, position: position, count: count)
                }
                key = (id, position, nil, nil)
            case .label(let folded, let label):
                guard !folded.isEmpty else { throw CorrectionRefusal.emptyLabel(label) }
                key = (nil, nil, folded, label)
            }
            let kind = key.label == nil ? "challenge" : "label"
            try db.execute(sql: """
                UPDATE corrections SET removed_at = ?, removed_by = ?
                WHERE removed_at IS NULL AND scope = ? AND (submission_id, position) IS (?, ?) AND label_key IS ?
                """, arguments: [time, analyst, kind, key.submission, key.position, key.label])
            try db.execute(sql: """
                INSERT INTO corrections (scope, submission_id, position, label_key, label, category, subcategory, analyst, at, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [kind, key.submission, key.position, key.label, key.text, category, subcategory, analyst, time, note])
            let correction = CategoryCorrection(id: db.lastInsertedRowID, scope: scope, category: category,
                                                subcategory: subcategory, analyst: analyst, at: time, note: note)
            try audit("correct \(subcategory ?? category)", subject: scope.subject, note: note, analyst: analyst, at: time, in: db)
            let applied = try Self.settleCorrections(in: db, fold: fold).filter { $0 == correction.id }.count
            try Self.waiveUnplacedOfCorrected(analyst: analyst, at: time, in: db)
            return (correction, applied)
        }
    }

    /// Takes back the correction `id`: the challenges it decided get the classifier's placement
    /// again (or another correction's, a label's under a challenge's), at once.
    public func removeCorrection(_ id: Int64, note: String?, analyst: String, at time: String,
                                 fold: (String) -> String) throws -> CategoryCorrection {
        try immediateTransaction { db in
            guard let removed = try Self.corrections(in: db, sql: "WHERE id = ? AND removed_at IS NULL", [id]).first else {
                throw CorrectionRefusal.noSuchCorrection(id)
            }
            try db.execute(sql: "UPDATE corrections SET removed_at = ?, removed_by = ? WHERE id = ?", arguments: [time, analyst, id])
            try audit("correct removed", subject: removed.scope.subject, note: note, analyst: analyst, at: time, in: db)
            _ = try Self.settleCorrections(in: db, fold: fold)
            return removed
        }
    }

    /// The corrections in force, oldest first.
    public func corrections() throws -> [CategoryCorrection] {
        try queue.read { db in try Self.corrections(in: db, sql: "WHERE removed_at IS NULL", []) }
    }

    /// The stored challenge that the challenge correction `correction` names: its label, and the
    /// category the classifier (or the lead's code) gave it; nil for a label correction.
    public func correctedChallenge(_ correction: CategoryCorrection) throws -> (label: String?, classifiedSource: String)? {
        guard case .challenge(let id, let position) = correction.scope else { return nil }
        return try queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT label, COALESCE(classified_source, category_source) AS source FROM challenges
                WHERE submission_id = ? AND position = ?
                """, arguments: [id, position]).map { ($0["label"], $0["source"]) }
        }
    }

    static func corrections(in db: Database, sql filter: String, _ arguments: StatementArguments) throws -> [CategoryCorrection] {
        try Row.fetchAll(db, sql: "SELECT * FROM corrections \(filter) ORDER BY id", arguments: arguments).map { row in
            let scope: CorrectionScope = row["scope"] == "label"
                ? .label(key: row["label_key"], label: row["label"])
                : .challenge(submissionId: row["submission_id"], position: row["position"])
            return CategoryCorrection(id: row["id"], scope: scope, category: row["category"], subcategory: row["subcategory"],
                                      analyst: row["analyst"], at: row["at"], note: row["note"])
        }
    }

    /// `body` in one immediate transaction, committed when it returns; its result.
    func immediateTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        var result: T?
        try queue.inTransaction(.immediate) { db in
            result = try body(db)
            return .commit
        }
        guard let result else { preconditionFailure("a committed transaction ran its body") }
        return result
    }

    func audit(_ action: String, subject: String, note: String?, analyst: String, at time: String, in db: Database) throws {
        try Self.audit(db, at: time, actor: analyst, action: action, subject: subject, note: note)
        try Self.dataChanged(db)
    }

    /// The reason such a waiver gives, in both languages.
    static let correctedReason = "category corrected by an analyst / kategorien er rettet af en analytiker"

    /// Waives the `unmapped` flags ("could not be placed in the taxonomy") of the current
    /// submissions' challenges that an analyst has now placed: the lead is not asked about a
    /// category the analysts decided. A waiver already given stays as it was; the audit log has
    /// the correction that caused it.
    static func waiveUnplacedOfCorrected(analyst: String, at time: String, in db: Database) throws {
        let flags = try Row.fetchAll(db, sql: """
            SELECT s.project_id, s.round, f.field
            FROM flags f
            JOIN submissions s ON s.submission_id = f.submission_id AND s.status = 'current'
            JOIN challenges c ON c.submission_id = f.submission_id AND c.category_source = 'analyst'
                AND f.field LIKE 'challenges[' || c.position || '].%'
            WHERE f.rule = 'unmapped'
            """)
        var changed = false
        for flag in flags {
            changed = try waiveUnplaced(projectId: flag["project_id"], round: flag["round"], field: flag["field"],
                                        by: analyst, at: time, in: db) || changed
        }
        if changed { try dataChanged(db) }
    }

    /// Waives one challenge's "could not be placed" flag because a correction placed it, unless
    /// it is waived already; whether it was.
    @discardableResult
    static func waiveUnplaced(projectId: String, round: Int, field: String, by analyst: String, at time: String,
                              in db: Database) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT INTO flag_states (project_id, round, field, rule, waived_at, waived_by, waive_reason) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project_id, round, field, rule) DO UPDATE SET
                waived_at = excluded.waived_at, waived_by = excluded.waived_by, waive_reason = excluded.waive_reason
            WHERE flag_states.waived_at IS NULL
            """).execute(arguments: [projectId, round, field, CompletenessRule.unmapped.rawValue, time, analyst, correctedReason])
        return db.changesCount > 0
    }

    /// Brings every stored challenge in line with the corrections in force: a challenge's own
    /// correction, else its label's (unless the lead coded its category), else what the
    /// classifier placed (kept in `classified_*` while a correction overrides it).
    ///
    /// - Returns: for each challenge a correction decides, that correction's id.
    static func settleCorrections(in db: Database, fold: (String) -> String) throws -> [Int64] {
        let active = try corrections(in: db, sql: "WHERE removed_at IS NULL", [])
        var byChallenge: [String: CategoryCorrection] = [:]
        var byLabel: [String: CategoryCorrection] = [:]
        for correction in active {
            switch correction.scope {
            case .challenge(let id, let position): byChallenge["\(position) \(id)"] = correction
            case .label(let key, _): byLabel[key] = correction
            }
        }
        var decided: [Int64] = []
        let rows = try Row.fetchAll(db, sql: """
            SELECT submission_id, position, label, category_source, classified_source FROM challenges
            WHERE classified_source IS NOT NULL OR ? OR (label IS NOT NULL AND ?)
            """, arguments: [!byChallenge.isEmpty, !byLabel.isEmpty])
        for row in rows {
            let id: String = row["submission_id"], position: Int = row["position"]
            let classified: String? = row["classified_source"]
            let source: String = classified ?? row["category_source"]
            let label: String? = row["label"]
            let correction = byChallenge["\(position) \(id)"]
                ?? (source == "coded" ? nil : label.flatMap { byLabel[fold($0)] })
            if let correction {
                decided.append(correction.id)
                try db.execute(sql: """
                    UPDATE challenges SET classified_category = COALESCE(classified_category, category),
                        classified_subcategory = CASE WHEN classified_source IS NULL THEN subcategory ELSE classified_subcategory END,
                        classified_source = COALESCE(classified_source, category_source),
                        category = ?, subcategory = ?, category_source = 'analyst'
                    WHERE submission_id = ? AND position = ?
                    """, arguments: [correction.category, correction.subcategory, id, position])
            } else if classified != nil {
                try db.execute(sql: """
                    UPDATE challenges SET category = classified_category, subcategory = classified_subcategory,
                        category_source = classified_source,
                        classified_category = NULL, classified_subcategory = NULL, classified_source = NULL
                    WHERE submission_id = ? AND position = ?
                    """, arguments: [id, position])
            }
        }
        return decided
    }

    /// The correction that decides `challenge` of submission `id` as it is stored anew (ingest,
    /// rebuild): its own, else its label's unless the lead coded the category; nil: none.
    static func correction(for challenge: Submission.Challenge, of id: String, in db: Database) throws
        -> (category: String, subcategory: String?, analyst: String)? {
        let own = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT category, subcategory, analyst FROM corrections
            WHERE scope = 'challenge' AND submission_id = ? AND position = ? AND removed_at IS NULL
            """), arguments: [id, challenge.position])
        if let own { return (own["category"], own["subcategory"], own["analyst"]) }
        guard challenge.categorySource != "coded", let key = challenge.labelKey, !key.isEmpty else { return nil }
        let label = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT category, subcategory, analyst FROM corrections WHERE scope = 'label' AND label_key = ? AND removed_at IS NULL
            """), arguments: [key])
        return label.map { ($0["category"], $0["subcategory"], $0["analyst"]) }
    }

    /// Whether any correction is in force (most stores: none, and no challenge is looked up).
    static func hasCorrections(in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM corrections WHERE removed_at IS NULL)")) ?? false
    }
}

extension IntakeStore {
    /// The corrections that decide challenges of submission `id`, by challenge position.
    public func corrections(of id: String, fold: (String) -> String) throws -> [(position: Int, correction: CategoryCorrection)] {
        try queue.read { db in
            let active = try Self.corrections(in: db, sql: "WHERE removed_at IS NULL", [])
            let rows = try Row.fetchAll(db, sql: """
                SELECT position, label FROM challenges WHERE submission_id = ? AND category_source = 'analyst' ORDER BY position
                """, arguments: [id])
            return rows.compactMap { row -> (position: Int, correction: CategoryCorrection)? in
                let position: Int = row["position"]
                let label: String? = row["label"]
                let key = label.map(fold)
                let decides = active.first { $0.scope == .challenge(submissionId: id, position: position) }
                    ?? active.first { if case .label(let folded, _) = $0.scope, folded == key { true } else { false } }
                return decides.map { (position, $0) }
            }
        }
    }
}
