import Foundation
import GRDB
import SurveyModel

/// Why a dataset cannot be read by `flags` or `report`.
public enum StoreReadError: Error, LocalizedError, Equatable {
    /// The folder holds no `intake.sqlite`.
    case noDataset(String)
    /// The file is not a dataset this version of survey-intake can read.
    case unknownSchema(String)
    /// The stored original of this SHA-256 does not decompress: the store file is damaged.
    case damagedOriginal(String)
    /// The folder cannot be written and `intake.sqlite-wal` holds commits not yet in `intake.sqlite`.
    case unreadableLog(String)

    public var errorDescription: String? {
        switch self {
        case .noDataset(let directory):
            return "no dataset in \(directory): \(directory)/intake.sqlite does not exist; "
                + "run survey-intake ingest PATH… --out \(directory) first"
        case .unknownSchema(let path):
            return "\(path) is not a dataset this version of survey-intake can read; "
                + "run survey-intake ingest with this version to update it"
        case .damagedOriginal(let sha256):
            return "the stored original of \(sha256) is damaged (it does not decompress); check the dataset with "
                + "sqlite3 intake.sqlite 'PRAGMA integrity_check' and restore it from a backup"
        case .unreadableLog(let directory):
            return "cannot read \(directory): the folder cannot be written, and \(directory)/intake.sqlite-wal holds "
                + "changes that are not yet in intake.sqlite (an ingest is running or was stopped); "
                + "copy the folder to a place that can be written and read the copy, or wait for the ingest to finish"
        }
    }

    /// Every migration this version knows has been applied, and no other.
    static func checkSchema(of queue: DatabaseQueue, at path: String) throws {
        let complete: Bool
        do {
            complete = try queue.read { db in
                try StoreSchema.migrator.hasCompletedMigrations(db) && !StoreSchema.migrator.hasBeenSuperseded(db)
            }
        } catch {
            throw unknownSchema(path)
        }
        guard complete else { throw unknownSchema(path) }
    }
}
