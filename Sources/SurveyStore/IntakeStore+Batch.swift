import Foundation
import GRDB
import SurveyModel

/// One submission ready to be stored: what the pipeline decided, the original bytes, and,
/// for a file, its stamp (so that the next run can skip it unread).
public struct IntakeRecord: Sendable {
    public var outcome: IntakeOutcome
    /// The bytes as received; nil when they could not be read (unreadable, too large).
    public var original: StoredOriginal?
    public var stamp: FileStamp?
    /// The file's one identity for its stamp, its resolved absolute path (`samples/a.xml`,
    /// `./samples/a.xml` and `/work/samples/a.xml` are one file); nil: the origin's name.
    public var stampKey: String?

    public init(outcome: IntakeOutcome, original: StoredOriginal?, stamp: FileStamp? = nil) {
        self.outcome = outcome
        self.original = original
        self.stamp = stamp
    }
}

/// What the store did with one record.
public enum RecordedOutcome: Sendable, Hashable {
    /// A new submission; `superseded` lists the origins (source files) of the submissions of
    /// its (project, round) that stopped being current in the same batch.
    case accepted(submissionID: String)
    /// The same content was stored before: nothing changed. `submissionID` is the stored
    /// submission's; nil when that content was rejected (and so is still rejected).
    case unchanged(submissionID: String?)
    /// Rejected, with the reason and every error; a `conflict` when a format-2 submissionId
    /// arrived again with other content.
    case rejected(RejectionReason, [Finding])
}

extension IntakeStore {
    /// Stores a batch of records in one transaction: new submissions and rejections with their
    /// originals, duplicates skipped, `submissionId` conflicts rejected, and the current/superseded
    /// status of every (project, round) touched recomputed. Returns what was done with each record,
    /// in order, and adds it to `summary`.
    @discardableResult
    public func record(_ items: [IntakeRecord], run: Int64, at time: String,
                       into summary: inout IngestSummary) throws -> [RecordedOutcome] {
        // No item needs a link: none is refused.
        try record(items, run: run, at: time, into: &summary) { _, _ in }.map { try $0.get() }
    }

    /// `record(_:run:at:into:)`, then `alongside` with the outcomes, in the same transaction.
    /// `links` names, item by item, a link that must still be active (neither revoked nor expired
    /// at `time`) for the item to be stored (nil, or past the end: none). It is read inside the
    /// transaction, before the item is written, so a revocation committed before the transaction
    /// always wins; an item whose link is not active is not stored, and has its refusal in place
    /// of an outcome.
    func record(_ items: [IntakeRecord], run: Int64, at time: String, into summary: inout IngestSummary,
                requiringActive links: [Int64?] = [],
                alongside: (Database, [Result<RecordedOutcome, LinkRefusal>]) throws -> Void) throws
        -> [Result<RecordedOutcome, LinkRefusal>] {
        // Added to in place and cut back if the transaction fails: a copy of the summary per
        // chunk copied its lists of every file so far (quadratic in a large batch).
        let before = (new: summary.new.count, unchanged: summary.unchanged, superseded: summary.superseded.count,
                      rejected: summary.rejected.count)
        var outcomes: [Result<RecordedOutcome, LinkRefusal>] = []
        do {
            try queue.inTransaction(.immediate) { db in
                outcomes = []
                outcomes.reserveCapacity(items.count)
                var touched: Set<IdentityKey> = []
                var changed = false
                for (index, item) in items.enumerated() {
                    if index < links.count, let link = links[index], let refusal = try Self.refusal(ofLink: link, at: time, in: db) {
                        outcomes.append(.failure(refusal))
                        continue
                    }
                    let outcome = try record(item, run: run, at: time, in: db, touched: &touched)
                    Self.add(outcome, of: item, to: &summary)
                    if case .unchanged = outcome {} else { changed = true }
                    outcomes.append(.success(outcome))
                }
                for key in touched.sorted() {
                    summary.superseded += try recomputeCurrent(key, in: db)
                }
                if changed {
                    try db.execute(sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'")
                }
                try alongside(db, outcomes)
                return .commit
            }
            return outcomes
        } catch {
            summary.new.removeSubrange(before.new...)
            summary.unchanged = before.unchanged
            summary.superseded.removeSubrange(before.superseded...)
            summary.rejected.removeSubrange(before.rejected...)
            throw error
        }
    }

    /// Why the link with this id opens nothing at `time` (unknown, revoked, expired); nil while it is active.
    static func refusal(ofLink id: Int64, at time: String, in db: Database) throws -> LinkRefusal? {
        // `SubmissionLink.refusal(at:)` in SQL: one integer read, not a whole row copied and decoded
        // (it runs for every submission through the API, inside the writer's transaction).
        let state = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT CASE WHEN revoked_at IS NOT NULL THEN 1 WHEN expires_at <= ? THEN 2 ELSE 0 END FROM links WHERE id = ?
            """), arguments: [time, id])
        switch state {
        case nil: return .unknown
        case 1?: return .revoked
        case 2?: return .expired
        default: return nil
        }
    }

    private static func add(_ outcome: RecordedOutcome, of item: IntakeRecord, to summary: inout IngestSummary) {
        switch outcome {
        case .accepted:
            summary.new.append(item.outcome.origin.name)
        case .unchanged(let submissionID):
            summary.unchanged += 1
            // Content rejected before is still rejected: it counts in the exit status.
            if submissionID == nil { summary.stillRejected.append(item.outcome.origin.name) }
        case .rejected(let reason, let errors):
            let first = errors.first { $0.severity == .error }
            let message = first.map { reason == .conflict ? $0.message : "\($0.line):\($0.column): \($0.message)" }
            summary.rejected.append(.init(path: item.outcome.origin.name, reason: reason.rawValue,
                                          message: message ?? reason.rawValue))
        }
    }

    /// Stores one record and its file's stamp.
    private func record(
        _ item: IntakeRecord, run: Int64, at time: String, in db: Database, touched: inout Set<IdentityKey>
    ) throws -> RecordedOutcome {
        let outcome = try storeContent(item, run: run, at: time, in: db, touched: &touched)
        // Only a file whose content was judged may be skipped unread next time: one that could
        // not be read (unreadable, too large) is read again on every run until it can be.
        if let stamp = item.stamp, item.outcome.origin.kind == .file, item.outcome.sha256 != nil {
            let label: String
            switch outcome {
            case .accepted: label = "accepted"
            case .unchanged: label = "unchanged"
            case .rejected: label = "rejected"
            }
            try db.cachedStatement(sql: """
                INSERT INTO source_files (path, size, mtime_ns, sha256, outcome, ingest_run) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                    sha256 = excluded.sha256, outcome = excluded.outcome, ingest_run = excluded.ingest_run
                """).insert(in: db) { row in
                row.text(item.stampKey ?? item.outcome.origin.name); row.integer(stamp.size); row.integer(stamp.modified)
                row.text(item.outcome.sha256); row.text(label); row.integer(run)
            }
        }
        return outcome
    }

    /// Stores a record's submission or rejection, and its original.
    private func storeContent(
        _ item: IntakeRecord, run: Int64, at time: String, in db: Database, touched: inout Set<IdentityKey>
    ) throws -> RecordedOutcome {
        let outcome = item.outcome
        if let sha256 = outcome.sha256 {
            let known = try String.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE((SELECT submission_id FROM submissions WHERE sha256 = ?),
                                (SELECT '' FROM rejections WHERE sha256 = ?))
                """), arguments: [sha256, sha256])
            if let known {
                // A dataset from before originals were kept learns the bytes the first time it sees them again.
                if let original = item.original { try keep(original, sha256: sha256, in: db) }
                return .unchanged(submissionID: known.isEmpty ? nil : known)
            }
        }
        switch outcome.verdict {
        case .rejected(let reason, let findings):
            try insertRejection(outcome, reason: reason, errors: findings, original: item.original, run: run, at: time, in: db)
            return .rejected(reason, findings.filter { $0.severity == .error })
        case .accepted(let submission, let report):
            guard let sha256 = outcome.sha256 else { preconditionFailure("an accepted submission was read") }
            if let stored = try String.fetchOne(db.cachedStatement(sql: "SELECT source_file FROM submissions WHERE submission_id = ?"),
                                                arguments: [submission.submissionId]) {
                let message = "submissionId \(submission.submissionId) was already ingested from \(stored) with different content; "
                    + "the stored submission is kept. A revised report needs a new submissionId."
                let conflict = Finding(severity: .error, file: outcome.origin.name, line: submission.location.line,
                                       column: submission.location.column, message: message, reason: .conflict,
                                       field: "submissionId",
                                       messageDanish: "submissionId \(submission.submissionId) er allerede modtaget fra \(stored) "
                                           + "med et andet indhold; den modtagne indberetning beholdes. En rettet rapport skal have "
                                           + "et nyt submissionId.")
                var conflicting = outcome
                conflicting.claimed = ClaimedIdentity(submission: submission)
                try insertRejection(conflicting, reason: .conflict, errors: [conflict], original: item.original,
                                    run: run, at: time, in: db)
                return .rejected(.conflict, [conflict])
            }
            try insertSubmission(submission, report: report, origin: outcome.origin, sha256: sha256,
                                 size: outcome.size ?? 0, run: run, at: time, in: db)
            if let original = item.original { try keep(original, sha256: sha256, in: db) }
            touched.insert(IdentityKey(projectID: submission.projectId, round: submission.round))
            return .accepted(submissionID: submission.submissionId)
        }
    }

    /// Stores the original bytes of `sha256`, unless they are stored already.
    private func keep(_ original: StoredOriginal, sha256: String, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO originals (sha256, size, encoding, bytes) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING
            """).execute(arguments: [sha256, original.size, original.encoding.rawValue, Data(original.stored)])
    }

    /// Marks the latest submission of a (project, round) that is not withdrawn current, the
    /// withdrawn ones withdrawn and the others superseded; returns the source files of those
    /// that stopped being current for a later one.
    func recomputeCurrent(_ key: IdentityKey, in db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT submission_id, status, source_file, COALESCE((SELECT w.action = 'withdraw' FROM withdrawals w
                WHERE w.submission_id = s.submission_id ORDER BY w.id DESC LIMIT 1), 0) AS withdrawn
            FROM submissions s WHERE project_id = ? AND round = ?
            ORDER BY submitted_at_utc DESC, rowid DESC
            """), arguments: [key.projectID, key.round])
        var superseded: [String] = []
        var currentFound = false
        for row in rows {
            let status: String
            if row["withdrawn"] {
                status = "withdrawn"
            } else {
                status = currentFound ? "superseded" : "current"
                currentFound = true
            }
            let previous: String = row["status"]
            guard previous != status else { continue }
            try db.cachedStatement(sql: "UPDATE submissions SET status = ? WHERE submission_id = ?")
                .execute(arguments: [status, row["submission_id"]])
            if status == "superseded", previous == "current" { superseded.append(row["source_file"]) }
        }
        return superseded
    }

    private func insertSubmission(
        _ submission: Submission, report: CompletenessReport, origin: Origin, sha256: String,
        size: Int, run: Int64, at time: String, in db: Database
    ) throws {
        let path = origin.name
        let project = submission.project
        let statement = try db.cachedStatement(sql: """
            INSERT INTO submissions (submission_id, project_id, round, format, format_version, source_file, sha256, size,
                submitted_at, submitted_at_utc, ingested_at, ingest_run, status, title, authority, authority_type,
                authority_type_raw, authority_code, domain, domain_raw, phase, phase_raw, project_status, lead_name, lead_email,
                operations_plan, uses_state_it_project_model, comments, declared_no_challenges, completeness,
                required_count, answered_count, flag_count, origin_kind, origin_link)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.insert(in: db) { row in
            row.text(submission.submissionId); row.text(submission.projectId); row.integer(submission.round)
            row.text(submission.format); row.text(submission.formatVersion)
            row.text(path); row.text(sha256); row.integer(size); row.text(submission.submittedAt)
            row.text(Timestamp.utc(submission.submittedAt) ?? submission.submittedAt)
            row.text(time); row.integer(run); row.text(project.title.value); row.text(project.authority.value)
            row.text(project.authorityType.value)
            row.text(project.authorityType.raw.flatMap(trimmed)); row.text(project.authorityCode.value); row.text(project.domain.value)
            row.text(project.domain.raw.flatMap(trimmed)); row.text(project.phase.value); row.text(project.phase.raw.flatMap(trimmed))
            row.text(project.status.value)
            row.text(submission.lead.name.value); row.text(submission.lead.email.value); row.text(submission.operationsPlan.value)
            row.text(submission.usesStateITProjectModel.value); row.text(submission.comments.value)
            row.bool(submission.declaredNoChallenges)
            row.real(report.score); row.integer(report.requiredCount); row.integer(report.answeredCount)
            row.integer(report.findings.count)
            row.text(origin.kind.rawValue); row.text(origin.link)
        }
        try insertDetails(submission, report: report, in: db)
    }

    /// The challenges, mitigations and flags of a submission.
    func insertDetails(_ submission: Submission, report: CompletenessReport, in db: Database) throws {
        let challenge = try db.cachedStatement(sql: """
            INSERT INTO challenges (submission_id, position, category, subcategory, category_source, raw_category, label,
                severity, severity_raw, resolved, resolved_raw, description, mitigation, line, column, evidence,
                classified_category, classified_subcategory, classified_source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let anyCorrection = try !submission.challenges.isEmpty && Self.hasCorrections(in: db)
        /// Which analyst's correction placed each corrected challenge, by position.
        var correctedBy: [Int: String] = [:]
        for item in submission.challenges {
            // An analyst's correction wins over the classifier; what it placed is kept beside it.
            let corrected = try anyCorrection ? Self.correction(for: item, of: submission.submissionId, in: db) : nil
            if let corrected { correctedBy[item.position] = corrected.analyst }
            try challenge.insert(in: db) { row in
                row.text(submission.submissionId); row.integer(item.position)
                row.text(corrected?.category ?? item.category.value ?? "other")
                row.text(corrected.map { $0.subcategory } ?? item.subcategory); row.text(corrected == nil ? item.categorySource : "analyst")
                row.text(item.category.raw.flatMap(trimmed)); row.text(item.label.value); row.text(item.severity.value)
                row.text(item.severity.raw.flatMap(trimmed))
                row.text(item.resolved.value); row.text(item.resolved.raw.flatMap(trimmed)); row.text(item.description.value)
                row.text(item.mitigation.value)
                row.integer(item.location.line); row.integer(item.location.column); row.text(item.evidence)
                row.text(corrected == nil ? nil : item.category.value ?? "other"); row.text(corrected == nil ? nil : item.subcategory)
                row.text(corrected == nil ? nil : item.categorySource)
            }
        }
        let mitigation = try db.cachedStatement(sql: """
            INSERT INTO mitigations (submission_id, position, code, code_source, raw_text, evidence) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for item in submission.mitigations {
            try mitigation.insert(in: db) { row in
                row.text(submission.submissionId); row.integer(item.position); row.text(item.code.value ?? "other")
                row.text(item.codeSource); row.text(item.text.value)
                row.text(item.evidence)
            }
        }
        let flag = try db.cachedStatement(sql: """
            INSERT INTO flags (submission_id, position, field, rule, message, message_da, label, label_da, value, line, column,
                condition_label_da, condition_label_en, condition_value)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, finding) in report.findings.enumerated() {
            try flag.insert(in: db) { row in
                row.text(submission.submissionId); row.integer(index + 1); row.text(finding.field); row.text(finding.rule.rawValue)
                row.text(finding.messageEnglish)
                row.text(finding.messageDanish); row.text(finding.labelEnglish); row.text(finding.labelDanish); row.text(finding.value)
                row.integer(finding.position.line); row.integer(finding.position.column)
                row.text(finding.condition?.labelDanish); row.text(finding.condition?.labelEnglish)
                row.text(finding.condition?.written)
            }
        }
        // A challenge an analyst's correction placed is not put to the lead as "could not be placed":
        // waived in that analyst's name, as `correct` does for the submissions stored before it.
        guard !correctedBy.isEmpty else { return }
        let time = Timestamp.now()
        for finding in report.findings where finding.rule == .unmapped {
            guard let analyst = correctedBy.first(where: { finding.field.hasPrefix("challenges[\($0.key)].") })?.value else { continue }
            try Self.waiveUnplaced(projectId: submission.projectId, round: submission.round, field: finding.field,
                                   by: analyst, at: time, in: db)
        }
    }

    private func insertRejection(
        _ outcome: IntakeOutcome, reason: RejectionReason, errors: [Finding], original: StoredOriginal?,
        run: Int64, at time: String, in db: Database
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO rejections (source_file, sha256, size, reason, format, ingested_at, ingest_run, origin_kind, origin_link,
                                    project_id, round, lead_name, lead_email)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [outcome.origin.name, outcome.sha256, outcome.size, reason.rawValue, outcome.format,
                                     time, run, outcome.origin.kind.rawValue, outcome.origin.link,
                                     outcome.claimed?.projectId, outcome.claimed?.round, outcome.claimed?.leadName, outcome.claimed?.leadEmail])
        let id = db.lastInsertedRowID
        if let original, let sha256 = outcome.sha256 { try keep(original, sha256: sha256, in: db) }
        let error = try db.cachedStatement(sql: """
            INSERT INTO rejection_errors (rejection_id, position, line, column, message, detail, element, message_da)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, finding) in errors.filter({ $0.severity == .error }).enumerated() {
            try error.insert(in: db) { row in
                row.integer(id); row.integer(index + 1); row.integer(finding.line); row.integer(finding.column)
                row.text(finding.message); row.text(finding.detail); row.text(finding.element); row.text(finding.messageDanish)
            }
        }
    }
}

/// A submission's identity: it belongs to (project, round).
struct IdentityKey: Hashable, Comparable {
    var projectID: String
    var round: Int

    static func < (lhs: IdentityKey, rhs: IdentityKey) -> Bool {
        (lhs.projectID, lhs.round) < (rhs.projectID, rhs.round)
    }
}

extension Statement {
    /// Binds one row's values in order with `bind` and executes the statement (see `RowInsert`).
    func insert(in db: Database, _ bind: (inout RowInsert) -> Void) throws {
        var row = RowInsert(self)
        bind(&row)
        try row.run(in: db)
    }
}
