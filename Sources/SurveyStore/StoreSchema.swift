import GRDB
import SurveyModel

/// The store of record's schema, as numbered migrations: a dataset written by one version of
/// the tool opens in the next, which only adds migrations after these.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: submissions, challenges, mitigations, flags, rejections") { db in
            try db.execute(sql: """
                CREATE TABLE ingest_runs (
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    tool_version TEXT NOT NULL,
                    files_seen INTEGER NOT NULL DEFAULT 0,
                    new INTEGER NOT NULL DEFAULT 0,
                    unchanged INTEGER NOT NULL DEFAULT 0,
                    superseded INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0
                );
                -- Every input file seen, by path: lets a later run skip files whose size and
                -- modification time are unchanged without reading them.
                CREATE TABLE source_files (
                    path TEXT PRIMARY KEY,
                    size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL,
                    sha256 TEXT,
                    outcome TEXT NOT NULL,
                    ingest_run INTEGER NOT NULL REFERENCES ingest_runs(id)
                );
                CREATE TABLE submissions (
                    submission_id TEXT PRIMARY KEY,
                    project_id TEXT NOT NULL,
                    round INTEGER NOT NULL,
                    format TEXT NOT NULL,
                    format_version TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    size INTEGER NOT NULL,
                    submitted_at TEXT NOT NULL,
                    submitted_at_utc TEXT NOT NULL,
                    ingested_at TEXT NOT NULL,
                    ingest_run INTEGER NOT NULL REFERENCES ingest_runs(id),
                    status TEXT NOT NULL CHECK (status IN ('current', 'superseded')),
                    title TEXT, authority TEXT, authority_type TEXT, authority_type_raw TEXT, authority_code TEXT,
                    domain TEXT, domain_raw TEXT, phase TEXT, phase_raw TEXT, project_status TEXT,
                    lead_name TEXT, lead_email TEXT,
                    operations_plan TEXT, uses_state_it_project_model TEXT, comments TEXT,
                    declared_no_challenges INTEGER NOT NULL,
                    completeness REAL NOT NULL,
                    required_count INTEGER NOT NULL,
                    answered_count INTEGER NOT NULL,
                    flag_count INTEGER NOT NULL,
                    canonical_json TEXT NOT NULL
                );
                CREATE INDEX submissions_by_identity ON submissions(project_id, round);
                CREATE TABLE challenges (
                    submission_id TEXT NOT NULL REFERENCES submissions(submission_id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    category TEXT NOT NULL,
                    subcategory TEXT,
                    category_source TEXT NOT NULL,
                    raw_category TEXT,
                    label TEXT,
                    severity TEXT, severity_raw TEXT,
                    resolved TEXT, resolved_raw TEXT,
                    description TEXT,
                    mitigation TEXT,
                    line INTEGER NOT NULL,
                    column INTEGER NOT NULL,
                    PRIMARY KEY (submission_id, position)
                );
                CREATE TABLE mitigations (
                    submission_id TEXT NOT NULL REFERENCES submissions(submission_id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    code_source TEXT NOT NULL,
                    raw_text TEXT,
                    PRIMARY KEY (submission_id, position)
                );
                CREATE TABLE flags (
                    submission_id TEXT NOT NULL REFERENCES submissions(submission_id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    field TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    message TEXT NOT NULL,
                    message_da TEXT NOT NULL,
                    label TEXT NOT NULL,
                    label_da TEXT NOT NULL,
                    value TEXT,
                    line INTEGER NOT NULL,
                    column INTEGER NOT NULL,
                    PRIMARY KEY (submission_id, position)
                );
                CREATE TABLE rejections (
                    id INTEGER PRIMARY KEY,
                    source_file TEXT NOT NULL,
                    sha256 TEXT,
                    size INTEGER,
                    reason TEXT NOT NULL,
                    format TEXT,
                    ingested_at TEXT NOT NULL,
                    ingest_run INTEGER NOT NULL REFERENCES ingest_runs(id)
                );
                CREATE UNIQUE INDEX rejections_by_content ON rejections(sha256) WHERE sha256 IS NOT NULL;
                CREATE TABLE rejection_errors (
                    rejection_id INTEGER NOT NULL REFERENCES rejections(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    column INTEGER NOT NULL,
                    message TEXT NOT NULL,
                    detail TEXT,
                    element TEXT,
                    PRIMARY KEY (rejection_id, position)
                );
                -- data_version counts committed changes; exported_version is the data_version
                -- the exports were last written for.
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO meta (key, value) VALUES ('data_version', '0'), ('exported_version', '-1');
                """)
        }
        migrator.registerMigration("v2: originals kept, origins, no canonical JSON") { db in
            try db.execute(sql: """
                -- The exact bytes of every submission received, accepted or rejected, by content.
                -- Keyed by an increasing id, not by the SHA-256: rows are appended, so pages are
                -- filled (keyed by the hash they split and stayed three quarters full).
                CREATE TABLE originals (
                    id INTEGER PRIMARY KEY,
                    sha256 TEXT NOT NULL UNIQUE,
                    size INTEGER NOT NULL,
                    encoding TEXT NOT NULL CHECK (encoding IN ('identity', 'zlib')),
                    bytes BLOB NOT NULL
                );
                -- What is derived from the original (the canonical submission) is derived again
                -- when needed (rebuild), not stored twice.
                ALTER TABLE submissions DROP COLUMN canonical_json;
                ALTER TABLE submissions ADD COLUMN origin_kind TEXT NOT NULL DEFAULT 'file';
                ALTER TABLE submissions ADD COLUMN origin_link TEXT;
                ALTER TABLE rejections ADD COLUMN origin_kind TEXT NOT NULL DEFAULT 'file';
                ALTER TABLE rejections ADD COLUMN origin_link TEXT;
                -- A conditional flag's condition, as values: no later stage parses a message.
                ALTER TABLE flags ADD COLUMN condition_label_da TEXT;
                ALTER TABLE flags ADD COLUMN condition_label_en TEXT;
                ALTER TABLE flags ADD COLUMN condition_value TEXT;
                -- Which words decided each placement (the taxonomy's evidence).
                ALTER TABLE challenges ADD COLUMN evidence TEXT;
                ALTER TABLE mitigations ADD COLUMN evidence TEXT;
                -- The report looks flags up by their field (is this challenge's label a placeholder?).
                CREATE INDEX flags_by_field ON flags(submission_id, field, rule);
                ALTER TABLE ingest_runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'ingest';
                -- 1 when the run was stopped at a chunk boundary (SIGINT, SIGTERM) before the end.
                ALTER TABLE ingest_runs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
                -- Datasets from before v2 hold no originals: forget the files' stamps, so that the
                -- next ingest reads each file once more and keeps the original of every content
                -- it already knows. The table comes back without a rowid: the path is its key,
                -- stored once instead of in the table and again in its index.
                DROP TABLE source_files;
                CREATE TABLE source_files (
                    path TEXT PRIMARY KEY,
                    size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL,
                    sha256 TEXT,
                    outcome TEXT NOT NULL,
                    ingest_run INTEGER NOT NULL REFERENCES ingest_runs(id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3: rounds, rosters, submission links") { db in
            try db.execute(sql: """
                CREATE TABLE rounds (
                    year INTEGER PRIMARY KEY,
                    format TEXT NOT NULL,
                    deadline TEXT NOT NULL,
                    opened_at TEXT NOT NULL
                );
                -- Each round's own roster: opening the next round with a changed roster keeps
                -- the earlier rounds' as they were.
                CREATE TABLE roster (
                    round INTEGER NOT NULL REFERENCES rounds(year),
                    project_id TEXT NOT NULL,
                    title TEXT, authority TEXT, authority_type TEXT, lead_name TEXT, lead_email TEXT,
                    -- 0: the project left the round's roster when it was updated (kept for its links).
                    active INTEGER NOT NULL DEFAULT 1,
                    PRIMARY KEY (round, project_id)
                );
                -- Only the SHA-256 of a link's token is kept: the token is shown once, when issued.
                CREATE TABLE links (
                    id INTEGER PRIMARY KEY,
                    round INTEGER NOT NULL,
                    project_id TEXT NOT NULL,
                    token_sha256 TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    revoked_at TEXT,
                    FOREIGN KEY (round, project_id) REFERENCES roster(round, project_id)
                );
                CREATE INDEX links_by_project ON links(round, project_id);
                -- Every use of a link (a page opened, a submission made), for the lead and the analysts.
                CREATE TABLE link_uses (
                    link_id INTEGER NOT NULL REFERENCES links(id),
                    used_at TEXT NOT NULL,
                    action TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4: receipts and drafts of the front door") { db in
            try db.execute(sql: """
                -- Every receipt the front door gave (form, upload or API), as the submitter got it.
                CREATE TABLE receipts (
                    receipt_id TEXT PRIMARY KEY,
                    round INTEGER NOT NULL,
                    project_id TEXT NOT NULL,
                    link_id INTEGER REFERENCES links(id),
                    via TEXT NOT NULL CHECK (via IN ('form', 'upload', 'api')),
                    status TEXT NOT NULL CHECK (status IN ('accepted', 'unchanged', 'rejected')),
                    received_at TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX receipts_by_project ON receipts(round, project_id, received_at);
                -- A lead's unsent answers, one per project and round, saved on the server.
                CREATE TABLE drafts (
                    round INTEGER NOT NULL,
                    project_id TEXT NOT NULL,
                    saved_at TEXT NOT NULL,
                    answers TEXT NOT NULL,
                    PRIMARY KEY (round, project_id)
                );
                """)
        }
        migrator.registerMigration("v5: review states and the audit log") { db in
            try db.execute(sql: """
                -- Every review state an analyst gave a submission, oldest first; the latest is its state
                -- (none: received). Keyed by submission id, not tied to the submissions' rows, so that
                -- re-ingest and rebuild leave it as it is.
                CREATE TABLE reviews (
                    id INTEGER PRIMARY KEY,
                    submission_id TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('received', 'has-issues', 'approved', 'rejected')),
                    comment TEXT,
                    analyst TEXT NOT NULL,
                    at TEXT NOT NULL
                );
                CREATE INDEX reviews_by_submission ON reviews(submission_id, id);
                -- Every analyst action: who, when, what, on what, and the note given with it.
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    note TEXT
                );
                """)
        }
        migrator.registerMigration("v6: flag states") { db in
            try db.execute(sql: """
                -- What became of each flag, keyed as the same question is in every revision of a
                -- project's report for a round: (project, round, field, rule). Not tied to the
                -- flags' or submissions' rows, which re-ingest and rebuild delete and write again.
                -- Answered is not stored: a key that a superseded revision had and the current one
                -- does not have is answered, by the revision after the last one that had it.
                CREATE TABLE flag_states (
                    project_id TEXT NOT NULL,
                    round INTEGER NOT NULL,
                    field TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    -- When a follow-up letter or a front-door receipt first listed it to the lead.
                    first_asked_at TEXT,
                    first_asked_by TEXT CHECK (first_asked_by IN ('letter', 'receipt')),
                    -- An analyst's waiver (NULL: none, or taken back; the audit log keeps both).
                    waived_at TEXT,
                    waived_by TEXT,
                    waive_reason TEXT,
                    PRIMARY KEY (project_id, round, field, rule)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v7: corrections and withdrawals") { db in
            try StoreSchema.correctionsAndWithdrawals(db)
        }
        migrator.registerMigration("v8: analyst accounts") { db in
            try db.execute(sql: """
                -- The analysts' named accounts for the web pages. Only a bcrypt hash of each
                -- password is kept; a removed account keeps its row (its name signs earlier reviews
                -- and the audit log), with removed_at set, and can no longer log in.
                CREATE TABLE analysts (
                    name TEXT PRIMARY KEY COLLATE NOCASE,
                    role TEXT NOT NULL CHECK (role IN ('analyst', 'viewer')),
                    password_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    password_set_at TEXT NOT NULL,
                    removed_at TEXT
                );
                """)
        }
        migrator.registerMigration("v9: what rejected files say about themselves") { db in
            try db.execute(sql: """
                -- The project, round and lead a rejected file names, when it parsed (most
                -- schema-invalid files do): unvalidated, so shown and counted, never trusted.
                ALTER TABLE rejections ADD COLUMN project_id TEXT;
                ALTER TABLE rejections ADD COLUMN round INTEGER;
                ALTER TABLE rejections ADD COLUMN lead_name TEXT;
                ALTER TABLE rejections ADD COLUMN lead_email TEXT;
                CREATE INDEX rejections_by_identity ON rejections(project_id, round);
                -- Each error in Danish too, when the validator words it in Danish: the letter to
                -- the lead quotes it.
                ALTER TABLE rejection_errors ADD COLUMN message_da TEXT;
                """)
        }
        return migrator
    }
}
