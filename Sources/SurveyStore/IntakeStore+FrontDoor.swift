import Foundation
import GRDB
import SurveyModel

/// A receipt as the front door keeps it: what the submitter was told, and how it came.
public struct StoredReceipt: Sendable, Hashable {
    public enum Via: String, Sendable, Hashable, CaseIterable {
        case form, upload, api
    }

    public var receipt: Receipt
    /// The round and project of the link it came with (a refused document may name others).
    public var round: Int
    public var projectId: String
    public var via: Via
    public var receivedAt: String
    public var linkId: Int64?
}

/// How a receipt came: the link's round and project, the way in, the time, and the link's use
/// to record with it.
public struct ReceiptOrigin: Sendable {
    public var round: Int
    public var projectId: String
    public var via: StoredReceipt.Via
    public var linkId: Int64?
    public var time: String
    /// The link's use to record with it (`submitted-form` …).
    public var action: String?
    /// Whether the submission is stored only while the link is active, read inside its
    /// transaction (the API's token is checked before against a cache that may be stale).
    public var requiresActiveLink: Bool

    public init(round: Int, projectId: String, via: StoredReceipt.Via, linkId: Int64?, at time: String, use action: String?,
                requiringActiveLink: Bool = false) {
        self.round = round
        self.projectId = projectId
        self.via = via
        self.linkId = linkId
        self.time = time
        self.action = action
        requiresActiveLink = requiringActiveLink
    }
}

/// A receipt to keep, with what else its keeping does (see `IntakeStore.save(_:)`).
public struct ReceiptRow: Sendable {
    public var receipt: Receipt
    /// The receipt's JSON, as stored (and sent).
    public var body: [UInt8]
    public var origin: ReceiptOrigin
    public var clearingDraft: Bool

    public init(_ encoded: EncodedReceipt, origin: ReceiptOrigin, clearingDraft: Bool) {
        receipt = encoded.receipt
        body = encoded.json
        self.origin = origin
        self.clearingDraft = clearingDraft
    }

    public init(receipt: Receipt, origin: ReceiptOrigin, clearingDraft: Bool) throws {
        self.init(try EncodedReceipt(receipt), origin: origin, clearingDraft: clearingDraft)
    }

    public init(receipt: Receipt, round: Int, projectId: String, via: StoredReceipt.Via, linkId: Int64?, at time: String,
                use action: String?, clearingDraft: Bool) throws {
        try self.init(receipt: receipt, origin: .init(round: round, projectId: projectId, via: via, linkId: linkId, at: time, use: action),
                  clearingDraft: clearingDraft)
    }
}

/// A lead's unsent answers for one project and round, as the form posted them (JSON).
public struct StoredDraft: Sendable, Hashable {
    public var json: String
    public var savedAt: String
}

/// One project's place in a round, as the analysts' page shows it.
public struct RoundProgress: Sendable, Hashable {
    public var entry: RosterEntry
    /// The current submission's id, completeness and open flags; nil while nothing is accepted.
    public var submissionId: String?
    public var completeness: Double?
    public var flagCount: Int?
    public var submittedAt: String?
    /// How many receipts the front door gave the project in the round, and the last one's time.
    public var receipts: Int
    public var lastReceiptAt: String?
    /// The current submission's latest review state (received when none was given).
    public var reviewState: ReviewState?
}

extension IntakeStore {
    /// Keeps a receipt the front door gave, with the link it came with, records the link's use
    /// (`action`), marks the flags it listed as asked, and drops the project's draft when
    /// `clearingDraft`: one transaction.
    /// With `requiringActiveLink`, only while the link is active (see `save(_:requiringActive:)`).
    public func save(_ receipt: Receipt, round: Int, projectId: String, via: StoredReceipt.Via, linkId: Int64?,
                     at time: String, use action: String? = nil, clearingDraft: Bool = false,
                     requiringActiveLink: Bool = false) throws {
        try save([ReceiptRow(receipt: receipt, round: round, projectId: projectId, via: via, linkId: linkId, at: time,
                             use: action, clearingDraft: clearingDraft)],
                 requiringActive: requiringActiveLink ? linkId : nil)
    }

    /// Keeps several receipts in one transaction. With `requiringActive`, that link must still be
    /// active at the first row's time, read in the same transaction: otherwise nothing is kept
    /// and the link's refusal (`LinkRefusal`) is thrown.
    public func save(_ rows: [ReceiptRow], requiringActive link: Int64? = nil) throws {
        try queue.write { db in
            if let link, let time = rows.first?.origin.time, let refusal = try Self.refusal(ofLink: link, at: time, in: db) {
                throw refusal
            }
            try insert(rows, in: db)
        }
    }

    /// Stores `items` as `record(_:run:at:into:)` does and, in the same transaction, the receipts
    /// `receipts` gives for their outcomes (the front door's group commit: one commit, so one
    /// wait for the disk, for a burst of submissions and everything they were told). `links`
    /// names, item by item, a link that must still be active at `time` for the item to be stored,
    /// read inside the transaction: an item whose link was revoked or expired is not stored and
    /// has its `LinkRefusal` in place of an outcome (and `receipts` gives it no row).
    @discardableResult
    public func record(_ items: [IntakeRecord], run: Int64, at time: String, into summary: inout IngestSummary,
                       requiringActive links: [Int64?] = [],
                       receipts: ([Result<RecordedOutcome, LinkRefusal>]) throws -> [ReceiptRow]) throws
        -> [Result<RecordedOutcome, LinkRefusal>] {
        try record(items, run: run, at: time, into: &summary, requiringActive: links) { db, outcomes in
            try insert(try receipts(outcomes), in: db)
        }
    }

    private func insert(_ rows: [ReceiptRow], in db: Database) throws {
        let receipt = try db.cachedStatement(sql: """
            INSERT INTO receipts (receipt_id, round, project_id, link_id, via, status, received_at, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in rows {
            let origin = row.origin
            // Bound through the C API (`RowInsert`): one receipt per submission through the front door.
            try receipt.insert(in: db) { values in
                values.text(row.receipt.receiptId); values.integer(origin.round); values.text(origin.projectId)
                values.integer(origin.linkId); values.text(origin.via.rawValue); values.text(row.receipt.status.rawValue)
                values.text(origin.time); values.text(utf8: row.body)
            }
            // The findings a receipt lists are put to the lead: asked (flag states, v6).
            try Self.markAsked(by: row.receipt, at: origin.time, in: db)
            if let action = origin.action, let linkId = origin.linkId {
                try db.cachedStatement(sql: "INSERT INTO link_uses (link_id, used_at, action) VALUES (?, ?, ?)").insert(in: db) { values in
                    values.integer(linkId); values.text(origin.time); values.text(action)
                }
            }
            if row.clearingDraft {
                try db.cachedStatement(sql: "DELETE FROM drafts WHERE round = ? AND project_id = ?")
                    .execute(arguments: [origin.round, origin.projectId])
            }
        }
    }

    /// The receipts of one project in one round, newest first.
    public func receipts(round: Int, projectId: String, limit: Int = 50) throws -> [StoredReceipt] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM receipts WHERE round = ? AND project_id = ? ORDER BY received_at DESC, rowid DESC LIMIT ?
                """, arguments: [round, projectId, limit]).map(Self.receipt)
        }
    }

    /// The latest receipts of a round, of every project, newest first.
    public func receipts(round: Int, limit: Int) throws -> [StoredReceipt] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM receipts WHERE round = ? ORDER BY received_at DESC, rowid DESC LIMIT ?",
                             arguments: [round, limit]).map(Self.receipt)
        }
    }

    /// The receipt with this id, whatever its project.
    public func receipt(id: String) throws -> StoredReceipt? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM receipts WHERE receipt_id = ?", arguments: [id]).map(Self.receipt)
        }
    }

    /// Saves (replaces) the draft of a project in a round.
    public func saveDraft(_ json: String, round: Int, projectId: String, at time: String) throws {
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO drafts (round, project_id, saved_at, answers) VALUES (?, ?, ?, ?)
                ON CONFLICT(round, project_id) DO UPDATE SET saved_at = excluded.saved_at, answers = excluded.answers
                """, arguments: [round, projectId, time, json])
        }
    }

    public func draft(round: Int, projectId: String) throws -> StoredDraft? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT saved_at, answers FROM drafts WHERE round = ? AND project_id = ?",
                             arguments: [round, projectId]).map { StoredDraft(json: $0["answers"], savedAt: $0["saved_at"]) }
        }
    }

    /// The current submission of a project in a round: its id and the SHA-256 of its original.
    public func currentSubmission(projectId: String, round: Int) throws -> (submissionId: String, sha256: String)? {
        try queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT submission_id, sha256 FROM submissions WHERE project_id = ? AND round = ? AND status = 'current'
                ORDER BY submitted_at_utc DESC LIMIT 1
                """, arguments: [projectId, round]).map { ($0["submission_id"], $0["sha256"]) }
        }
    }

    /// The project's current submission in the latest round before `round`, for its project facts.
    public func previousSubmission(projectId: String, before round: Int) throws -> (submissionId: String, sha256: String, round: Int)? {
        try queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT submission_id, sha256, round FROM submissions WHERE project_id = ? AND round < ? AND status = 'current'
                ORDER BY round DESC, submitted_at_utc DESC LIMIT 1
                """, arguments: [projectId, round]).map { ($0["submission_id"], $0["sha256"], $0["round"]) }
        }
    }

    /// Every roster project of a round with its current submission and its receipts.
    public func progress(round: Int) throws -> [RoundProgress] {
        let roster = try roster(of: round)
        return try queue.read { db in
            var current: [String: Row] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT project_id, submission_id, completeness, flag_count, submitted_at,
                    COALESCE((SELECT r.state FROM reviews r WHERE r.submission_id = s.submission_id ORDER BY r.id DESC LIMIT 1),
                        'received') AS review_state
                FROM submissions s WHERE round = ? AND status = 'current'
                """, arguments: [round]) {
                current[row["project_id"]] = row
            }
            var receipts: [String: (Int, String?)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT project_id, COUNT(*) AS n, MAX(received_at) AS last FROM receipts WHERE round = ? GROUP BY project_id
                """, arguments: [round]) {
                receipts[row["project_id"]] = (row["n"], row["last"])
            }
            return roster.map { entry in
                let row = current[entry.projectId]
                return RoundProgress(entry: entry, submissionId: row?["submission_id"], completeness: row?["completeness"],
                                     flagCount: row?["flag_count"], submittedAt: row?["submitted_at"],
                                     receipts: receipts[entry.projectId]?.0 ?? 0, lastReceiptAt: receipts[entry.projectId]?.1,
                                     reviewState: (row?["review_state"] as String?).flatMap(ReviewState.init(rawValue:)))
            }
        }
    }

    /// Whether the store answers at all (the server's health check).
    public func ping() throws {
        _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    private static func receipt(_ row: Row) throws -> StoredReceipt {
        let body: String = row["body"]
        return StoredReceipt(receipt: try JSONDecoder().decode(Receipt.self, from: Data(body.utf8)),
                             round: row["round"], projectId: row["project_id"], via: StoredReceipt.Via(rawValue: row["via"]) ?? .api, receivedAt: row["received_at"],
                             linkId: row["link_id"])
    }
}

extension IntakeStore {
    /// The projects of a round that have a current submission (any format, any way in).
    public func projectsWithCurrentSubmission(round: Int) throws -> Set<String> {
        try queue.read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT project_id FROM submissions WHERE round = ? AND status = 'current'",
                                    arguments: [round]))
        }
    }
}

/// The links of a file store, looked up on a read-only connection of their own: a request
/// checking its token never waits for the writer's transaction and its `fdatasync` (in WAL mode
/// a reader and the writer do not block each other), and sees every link and revocation
/// committed before it began, by this process or another (`links --reissue`).
///
///     let links = try store.linkLookup()
///     let link = try links.link(tokenSHA256: SubmissionLinks.hash(token))
public final class LinkLookup: Sendable {
    private let queue: DatabaseQueue

    init(path: String) throws {
        queue = try IntakeStore.openReadOnly(path: path)
    }

    /// The link whose token has this SHA-256, whatever its state.
    public func link(tokenSHA256: String) throws -> SubmissionLink? {
        try queue.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM links WHERE token_sha256 = ?"), arguments: [tokenSHA256])
                .map(IntakeStore.link)
        }
    }
}

extension IntakeStore {
    /// A `LinkLookup` on this store's file (`init(directory:)`; a store in memory has none).
    public func linkLookup() throws -> LinkLookup {
        try LinkLookup(path: url.path)
    }
}
