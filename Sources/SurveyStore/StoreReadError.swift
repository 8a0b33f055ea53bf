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

    public var errorDescription: String? { description(danish: false) }

    /// What is wrong and what to do, in English or in Danish.
    public func description(danish: Bool) -> String {
        guard danish else { return english }
        switch self {
        case .noDataset(let directory):
            return "intet datasæt i \(directory): \(directory)/intake.sqlite findes ikke; "
                + "kør først survey-intake ingest STI… --out \(directory)"
        case .unknownSchema(let path):
            return "\(path) er ikke et datasæt, som denne version af survey-intake kan læse; "
                + "kør survey-intake ingest med denne version for at opdatere det"
        case .damagedOriginal(let sha256):
            return "den gemte original af \(sha256) er beskadiget (den kan ikke pakkes ud); tjek datasættet med "
                + "sqlite3 intake.sqlite 'PRAGMA integrity_check', og gendan det fra en sikkerhedskopi"
        case .unreadableLog(let directory):
            return "\(directory) kan ikke læses: mappen er skrivebeskyttet, og \(directory)/intake.sqlite-wal indeholder "
                + "ændringer, der endnu ikke er i intake.sqlite (en indlæsning kører eller blev stoppet); "
                + "kopiér mappen til et sted, der kan skrives i, og læs kopien, eller vent på, at indlæsningen bliver færdig"
        }
    }

    private var english: String {
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
