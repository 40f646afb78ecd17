import Foundation
import GRDB
import PortaModel

/// Every record id and reference of a bundle, kept on disk in a scratch SQLite database so
/// that checking ids for uniqueness and references for targets takes flat memory however many
/// records a bundle holds.
///
/// Readers of record files add rows in batches from any thread; ``findings(level:limit:)``
/// runs the checks once all are in.
public final class RecordIndex: Sendable {
    private let database: DatabaseQueue

    /// A batch of rows from one file, handed to ``add(_:)`` when full.
    public struct Batch: Sendable {
        fileprivate var records: [(id: String, kind: String, file: String, line: Int)] = []
        fileprivate var references: [(from: String, kind: String, field: String, targetKind: String, target: String, file: String, line: Int)] = []

        public init() {}

        /// Whether the batch should be added now.
        public var isFull: Bool { records.count + references.count >= 20_000 }

        /// Takes `record`'s id and references, found at `line` of `file`.
        public mutating func record(_ record: CanonicalRecord, file: String, line: Int) {
            records.append((record.id.rawValue, record.kind.name, file, line))
            for field in record.kind.fields {
                guard case .reference(let targetKind) = field.type,
                      case .reference(let target)? = record.values[field.name] else { continue }
                references.append((record.id.rawValue, record.kind.name, field.name, targetKind.kind, target.rawValue, file, line))
            }
        }
    }

    /// An index in a new database file at `path`.
    /// - Throws: GRDB's error when the file cannot be made.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE record (id TEXT NOT NULL, kind TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL);
                CREATE TABLE reference (from_id TEXT NOT NULL, kind TEXT NOT NULL, field TEXT NOT NULL,
                    target_kind TEXT NOT NULL, target_id TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL);
                """)
        }
    }

    /// Stores a batch's rows and empties it.
    public func add(_ batch: inout Batch) throws {
        let taken = batch
        batch = Batch()
        try database.write { db in
            let record = try db.makeStatement(sql: "INSERT INTO record VALUES (?, ?, ?, ?)")
            for row in taken.records {
                try record.execute(arguments: [row.id, row.kind, row.file, row.line])
            }
            let reference = try db.makeStatement(sql: "INSERT INTO reference VALUES (?, ?, ?, ?, ?, ?, ?)")
            for row in taken.references {
                try reference.execute(arguments: [row.from, row.kind, row.field, row.targetKind, row.target, row.file, row.line])
            }
        }
    }

    /// Duplicate ids and references without a target, at most `limit` of each named one by one
    /// and the rest counted.
    public func findings(level: Int, limit: Int = 50) throws -> [Finding] {
        try database.write { db in
            try db.execute(sql: "CREATE INDEX record_by_id ON record (id, kind)")
            var findings: [Finding] = []
            let duplicates = try Row.fetchAll(db, sql: """
                SELECT id, MIN(file) AS file, COUNT(*) AS copies FROM record GROUP BY id HAVING COUNT(*) > 1 ORDER BY id LIMIT ?
                """, arguments: [limit + 1])
            for row in duplicates.prefix(limit) {
                findings.append(Finding(level: level, code: .duplicateID, path: row["file"], record: row["id"],
                                        message: "the id is used by \(row["copies"] as Int) records"))
            }
            if duplicates.count > limit {
                findings.append(Finding(level: level, code: .duplicateID, message: "more records share ids than are listed here"))
            }
            let dangling = try Row.fetchAll(db, sql: """
                SELECT from_id, field, target_kind, file, line FROM reference r
                WHERE NOT EXISTS (SELECT 1 FROM record t WHERE t.id = r.target_id AND t.kind = r.target_kind)
                ORDER BY file, line LIMIT ?
                """, arguments: [limit + 1])
            for row in dangling.prefix(limit) {
                findings.append(Finding(level: level, code: .danglingReference, path: row["file"], line: row["line"],
                                        record: row["from_id"],
                                        message: "field \(row["field"] as String) refers to a \(row["target_kind"] as String) record the bundle does not hold"))
            }
            if dangling.count > limit {
                findings.append(Finding(level: level, code: .danglingReference, message: "more references have no target than are listed here"))
            }
            return findings
        }
    }
}
