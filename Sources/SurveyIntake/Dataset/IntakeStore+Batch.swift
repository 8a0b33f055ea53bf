import Foundation
import GRDB

/// One input file ready to be stored: what the pipeline found, and the file's stamp.
public struct IngestItem: Sendable {
    public var result: IntakeResult
    public var stamp: FileStamp?
    /// The submission's canonical JSON when it was encoded beforehand, on a worker thread
    /// (`IngestItem.prepared`); nil: encoded while storing.
    public var canonicalJSON: String?

    public init(result: IntakeResult, stamp: FileStamp?, canonicalJSON: String? = nil) {
        self.result = result
        self.stamp = stamp
        self.canonicalJSON = canonicalJSON
    }

    /// The canonical JSON of `result`'s submission, for the workers to encode in parallel so
    /// that the one thread writing the store does not (a fifth of its work otherwise).
    public static func canonicalJSON(of result: IntakeResult) -> String? {
        guard let submission = result.submission, let bytes = try? CanonicalJSON.encode(submission) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What a run did: `N new, N unchanged, N superseded, N rejected`, and which.
public struct IngestSummary: Sendable, Hashable, Codable {
    public var filesSeen = 0
    /// Source files of the submissions added.
    public var new: [String] = []
    /// Files skipped: unchanged since the last run, or content already stored.
    public var unchanged = 0
    /// Source files of the submissions that stopped being current in this run.
    public var superseded: [String] = []
    /// Source files rejected in this run, with the reason.
    public var rejected: [RejectedFile] = []

    public struct RejectedFile: Sendable, Hashable, Codable {
        public var path: String
        public var reason: String
        /// The first error, in plain language.
        public var message: String
    }

    public init() {}
}

extension IntakeStore {
    /// Stores a batch of files in one transaction: new submissions and rejections, duplicates
    /// skipped, `submissionId` conflicts rejected, and the current/superseded status of every
    /// (project, round) touched recomputed.
    func store(_ items: [IngestItem], run: Int64, at time: String, into summary: inout IngestSummary) throws {
        // Added to in place and cut back if the transaction fails: a copy of the summary per
        // chunk copied its lists of every file so far (quadratic in a large batch).
        let before = (new: summary.new.count, unchanged: summary.unchanged, superseded: summary.superseded.count,
                      rejected: summary.rejected.count)
        do {
            try queue.inTransaction(.immediate) { db in
                var touched: Set<IdentityKey> = []
                var changed = false
                for item in items {
                    let stored = try store(item, run: run, at: time, in: db, summary: &summary, touched: &touched)
                    changed = changed || stored
                }
                for key in touched.sorted() {
                    summary.superseded += try recomputeCurrent(key, in: db)
                }
                if changed {
                    try db.execute(sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'")
                }
                return .commit
            }
        } catch {
            summary.new.removeSubrange(before.new...)
            summary.unchanged = before.unchanged
            summary.superseded.removeSubrange(before.superseded...)
            summary.rejected.removeSubrange(before.rejected...)
            throw error
        }
    }

    /// Stores one file and records its stamp; returns whether the dataset changed.
    private func store(
        _ item: IngestItem, run: Int64, at time: String, in db: Database,
        summary: inout IngestSummary, touched: inout Set<IdentityKey>
    ) throws -> Bool {
        let outcome = try storeContent(item.result, canonicalJSON: item.canonicalJSON, run: run, at: time, in: db,
                                       summary: &summary, touched: &touched)
        if let stamp = item.stamp {
            try db.cachedStatement(sql: """
                INSERT INTO source_files (path, size, mtime_ns, sha256, outcome, ingest_run) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                    sha256 = excluded.sha256, outcome = excluded.outcome, ingest_run = excluded.ingest_run
                """).insert(in: db) { row in
                row.text(item.result.path); row.integer(stamp.size); row.integer(stamp.modified)
                row.text(item.result.sha256); row.text(outcome); row.integer(run)
            }
        }
        return outcome != "unchanged"
    }

    /// Stores a file's submission or rejection; returns `accepted`, `rejected` or `unchanged`.
    private func storeContent(
        _ result: IntakeResult, canonicalJSON: String?, run: Int64, at time: String, in db: Database,
        summary: inout IngestSummary, touched: inout Set<IdentityKey>
    ) throws -> String {
        if let sha256 = result.sha256 {
            let known = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM submissions WHERE sha256 = ?) OR EXISTS (SELECT 1 FROM rejections WHERE sha256 = ?)
                """), arguments: [sha256, sha256]) ?? false
            if known {
                summary.unchanged += 1
                return "unchanged"
            }
        }
        guard let submission = result.submission, let sha256 = result.sha256, let report = result.completeness else {
            let reason = result.validation.rejection ?? .unreadable
            try insertRejection(path: result.path, sha256: result.sha256, size: result.size, reason: reason,
                                format: result.validation.format, errors: result.validation.findings,
                                run: run, at: time, in: db)
            let first = result.validation.findings.first { $0.severity == .error }
            summary.rejected.append(.init(path: result.path, reason: reason.rawValue,
                                          message: first.map { "\($0.line):\($0.column): \($0.message)" } ?? reason.rawValue))
            return "rejected"
        }
        if let stored = try String.fetchOne(db.cachedStatement(sql: "SELECT source_file FROM submissions WHERE submission_id = ?"),
                                            arguments: [submission.submissionId]) {
            let message = "submissionId \(submission.submissionId) was already ingested from \(stored) with different content; "
                + "the stored submission is kept. A revised report needs a new submissionId."
            try insertRejection(path: result.path, sha256: sha256, size: result.size, reason: .conflict,
                                format: submission.format, errors: [Finding(
                                    severity: .error, file: result.path, line: submission.location.line,
                                    column: submission.location.column, message: message, reason: .conflict,
                                    element: "/StatusReport/@submissionId")],
                                run: run, at: time, in: db)
            summary.rejected.append(.init(path: result.path, reason: RejectionReason.conflict.rawValue, message: message))
            return "rejected"
        }
        try insertSubmission(submission, canonicalJSON: canonicalJSON, report: report, path: result.path, sha256: sha256,
                             size: result.size ?? 0, run: run, at: time, in: db)
        touched.insert(IdentityKey(projectID: submission.projectId, round: submission.round))
        summary.new.append(result.path)
        return "accepted"
    }

    /// Marks the latest submission of a (project, round) current and the others superseded;
    /// returns the source files of those that stopped being current.
    private func recomputeCurrent(_ key: IdentityKey, in db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT submission_id, status, source_file FROM submissions WHERE project_id = ? AND round = ?
            ORDER BY submitted_at_utc DESC, rowid DESC
            """), arguments: [key.projectID, key.round])
        var superseded: [String] = []
        for (index, row) in rows.enumerated() {
            let status = index == 0 ? "current" : "superseded"
            let previous: String = row["status"]
            guard previous != status else { continue }
            try db.cachedStatement(sql: "UPDATE submissions SET status = ? WHERE submission_id = ?")
                .execute(arguments: [status, row["submission_id"]])
            if status == "superseded" { superseded.append(row["source_file"]) }
        }
        return superseded
    }

    private func insertSubmission(
        _ submission: Submission, canonicalJSON: String?, report: CompletenessReport, path: String, sha256: String,
        size: Int, run: Int64, at time: String, in db: Database
    ) throws {
        let canonical = try canonicalJSON ?? String(decoding: CanonicalJSON.encode(submission), as: UTF8.self)
        let project = submission.project
        let statement = try db.cachedStatement(sql: """
            INSERT INTO submissions (submission_id, project_id, round, format, format_version, source_file, sha256, size,
                submitted_at, submitted_at_utc, ingested_at, ingest_run, status, title, authority, authority_type,
                authority_type_raw, authority_code, domain, domain_raw, phase, phase_raw, project_status, lead_name, lead_email,
                operations_plan, uses_state_it_project_model, comments, declared_no_challenges, completeness,
                required_count, answered_count, flag_count, canonical_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
            row.integer(report.findings.count); row.text(canonical)
        }
        let challenge = try db.cachedStatement(sql: """
            INSERT INTO challenges (submission_id, position, category, subcategory, category_source, raw_category, label,
                severity, severity_raw, resolved, resolved_raw, description, mitigation, line, column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for item in submission.challenges {
            try challenge.insert(in: db) { row in
                row.text(submission.submissionId); row.integer(item.position); row.text(item.category.value ?? "other")
                row.text(item.subcategory); row.text(item.categorySource)
                row.text(item.category.raw.flatMap(trimmed)); row.text(item.label.value); row.text(item.severity.value)
                row.text(item.severity.raw.flatMap(trimmed))
                row.text(item.resolved.value); row.text(item.resolved.raw.flatMap(trimmed)); row.text(item.description.value)
                row.text(item.mitigation.value)
                row.integer(item.location.line); row.integer(item.location.column)
            }
        }
        let mitigation = try db.cachedStatement(sql: """
            INSERT INTO mitigations (submission_id, position, code, code_source, raw_text) VALUES (?, ?, ?, ?, ?)
            """)
        for item in submission.mitigations {
            try mitigation.insert(in: db) { row in
                row.text(submission.submissionId); row.integer(item.position); row.text(item.code.value ?? "other")
                row.text(item.codeSource); row.text(item.text.value)
            }
        }
        let flag = try db.cachedStatement(sql: """
            INSERT INTO flags (submission_id, position, field, rule, message, message_da, label, label_da, value, line, column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, finding) in report.findings.enumerated() {
            try flag.insert(in: db) { row in
                row.text(submission.submissionId); row.integer(index + 1); row.text(finding.field); row.text(finding.rule.rawValue)
                row.text(finding.messageEnglish)
                row.text(finding.messageDanish); row.text(finding.labelEnglish); row.text(finding.labelDanish); row.text(finding.value)
                row.integer(finding.position.line); row.integer(finding.position.column)
            }
        }
    }

    private func insertRejection(
        path: String, sha256: String?, size: Int?, reason: RejectionReason, format: String?, errors: [Finding],
        run: Int64, at time: String, in db: Database
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO rejections (source_file, sha256, size, reason, format, ingested_at, ingest_run) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [path, sha256, size, reason.rawValue, format, time, run])
        let id = db.lastInsertedRowID
        let error = try db.cachedStatement(sql: """
            INSERT INTO rejection_errors (rejection_id, position, line, column, message, detail, element) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, finding) in errors.filter({ $0.severity == .error }).enumerated() {
            try error.insert(in: db) { row in
                row.integer(id); row.integer(index + 1); row.integer(finding.line); row.integer(finding.column)
                row.text(finding.message); row.text(finding.detail); row.text(finding.element)
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
