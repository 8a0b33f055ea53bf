import Foundation
import GRDB

extension StoreSchema {
    /// v7: the analysts' category corrections and withdrawals, and `withdrawn` as a status.
    ///
    /// Like `reviews`, the new tables are keyed by submission id and not tied to the submissions'
    /// rows, so that re-ingest and rebuild leave them as they are.
    static func correctionsAndWithdrawals(_ db: Database) throws {
        try db.execute(sql: """
            -- Every correction an analyst made, oldest first; those not removed apply. Scope
            -- 'challenge': one challenge (submission_id, position); scope 'label': every
            -- challenge whose folded label is label_key (label: as the analyst wrote it).
            CREATE TABLE corrections (
                id INTEGER PRIMARY KEY,
                scope TEXT NOT NULL CHECK (scope IN ('challenge', 'label')),
                submission_id TEXT,
                position INTEGER,
                label_key TEXT,
                label TEXT,
                category TEXT NOT NULL,
                subcategory TEXT,
                analyst TEXT NOT NULL,
                at TEXT NOT NULL,
                note TEXT,
                removed_at TEXT,
                removed_by TEXT,
                CHECK ((scope = 'challenge' AND submission_id IS NOT NULL AND position >= 1 AND label_key IS NULL)
                    OR (scope = 'label' AND label_key <> '' AND submission_id IS NULL AND position IS NULL))
            );
            CREATE UNIQUE INDEX corrections_of_challenge ON corrections(submission_id, position)
                WHERE scope = 'challenge' AND removed_at IS NULL;
            CREATE UNIQUE INDEX corrections_of_label ON corrections(label_key) WHERE scope = 'label' AND removed_at IS NULL;
            -- Every withdrawal and its undoing, oldest first: the latest action says whether the
            -- submission is withdrawn.
            CREATE TABLE withdrawals (
                id INTEGER PRIMARY KEY,
                submission_id TEXT NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('withdraw', 'undo')),
                reason TEXT NOT NULL,
                analyst TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX withdrawals_by_submission ON withdrawals(submission_id, id);
            -- What the classifier placed, kept while an analyst's correction overrides it (NULL:
            -- not corrected), so that removing the correction puts it back without a rebuild.
            ALTER TABLE challenges ADD COLUMN classified_category TEXT;
            ALTER TABLE challenges ADD COLUMN classified_subcategory TEXT;
            ALTER TABLE challenges ADD COLUMN classified_source TEXT;
            """)
        try widenSubmissionStatus(db)
    }

    /// The submissions table again, with `withdrawn` allowed in its status: SQLite cannot change
    /// a CHECK constraint in place, so the table is made anew (the 12 steps of
    /// https://www.sqlite.org/lang_altertable.html#otheralter). Its definition is the stored one
    /// with the one constraint changed, so that every column any earlier migration added stays,
    /// in its place, and `SELECT *` copies every row as it is. The migrator runs this with
    /// foreign keys off (GRDB's deferred checks): dropping the old table deletes nothing from
    /// challenges, mitigations or flags, whose references name the table, not its rows' storage.
    static func widenSubmissionStatus(_ db: Database) throws {
        let narrow = "CHECK (status IN ('current', 'superseded'))"
        guard let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'submissions'"),
              definition.contains(narrow), definition.hasPrefix("CREATE TABLE submissions") else {
            throw DatabaseError(message: "v7: the submissions table is not as v1–v6 left it; its status constraint was not found")
        }
        let indexes = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = 'submissions' AND type IN ('index', 'trigger') AND sql IS NOT NULL
            """)
        let widened = definition
            .replacingOccurrences(of: narrow, with: "CHECK (status IN ('current', 'superseded', 'withdrawn'))")
            .replacingOccurrences(of: "CREATE TABLE submissions", with: "CREATE TABLE submissions_v7")
        try db.execute(sql: widened)
        try db.execute(sql: "INSERT INTO submissions_v7 SELECT * FROM submissions")
        try db.execute(sql: "DROP TABLE submissions")
        try db.execute(sql: "ALTER TABLE submissions_v7 RENAME TO submissions")
        for sql in indexes { try db.execute(sql: sql) }
    }
}
