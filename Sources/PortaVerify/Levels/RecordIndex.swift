import Foundation
import GRDB
import GRDBSQLite
import PortaModel

/// Every record id and reference of a bundle, kept on disk in a scratch SQLite database so
/// that checking ids for uniqueness and references for targets takes flat memory however many
/// records a bundle holds.
///
/// Readers of record files add rows in batches from any thread; ``findings(level:limit:)``
/// runs the checks once all are in. Ids are kept as ``IndexKey``s (their prefix and 16 bytes,
/// not 32 hex digits), files and reference fields as small numbers, and rows are bound to one
/// prepared statement through SQLite's own API: the index is filled for every record an export
/// writes and a verify reads, so its cost per row counts.
public final class RecordIndex: Sendable {
    private let database: DatabaseQueue

    /// An index in a new database file at `path`; with no path, in a private temporary
    /// database, which SQLite keeps in memory while it is small (up to its page cache, 2 MiB)
    /// and spills to an unlinked temporary file beyond: no file at all for a small bundle, flat
    /// memory for a large one.
    /// - Throws: GRDB's error when the file cannot be made.
    public init(path: String = "") throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE file (number INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
                CREATE TABLE field (number INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
                    target_kind TEXT NOT NULL, UNIQUE (kind, name, target_kind));
                CREATE TABLE record (key BLOB NOT NULL, file INTEGER NOT NULL);
                CREATE TABLE reference (from_key BLOB NOT NULL, field INTEGER NOT NULL, target_key BLOB NOT NULL,
                    file INTEGER NOT NULL, line INTEGER NOT NULL);
                """)
        }
    }

    /// Stores a batch's rows and empties it.
    /// - Throws: GRDB's ``DatabaseError`` when the scratch file cannot be written.
    public func add(_ batch: inout Batch) throws {
        let taken = batch
        batch = Batch()
        guard !taken.records.isEmpty || !taken.references.isEmpty else { return }
        try database.write { db in
            let files = try taken.files.map { try Self.number(of: [$0], in: "file", columns: ["path"], db) }
            let fields = try taken.fields.map {
                try Self.number(of: [$0.kind, $0.name, $0.targetKind], in: "field", columns: ["kind", "name", "target_kind"], db)
            }
            let record = try db.makeStatement(sql: "INSERT INTO record VALUES (?, ?)")
            let reference = try db.makeStatement(sql: "INSERT INTO reference VALUES (?, ?, ?, ?, ?)")
            try taken.keys.withUnsafeBytes { keys in
                for row in taken.records {
                    try Self.insert(record, db) { statement in
                        Self.bind(keys, row.key, to: statement, at: 1)
                        sqlite3_bind_int64(statement, 2, files[row.file])
                    }
                }
                for row in taken.references {
                    try Self.insert(reference, db) { statement in
                        Self.bind(keys, row.from, to: statement, at: 1)
                        sqlite3_bind_int64(statement, 2, fields[row.field])
                        Self.bind(keys, row.target, to: statement, at: 3)
                        sqlite3_bind_int64(statement, 4, files[row.file])
                        sqlite3_bind_int64(statement, 5, Int64(row.line))
                    }
                }
            }
        }
    }

    /// Duplicate ids and references without a target, at most `limit` of each named one by one
    /// and the rest counted. Duplicates come in the order of their ids, each named with the
    /// first of its files by name; dangling references in the order of file and line.
    /// - Throws: GRDB's ``DatabaseError`` when the scratch file cannot be read.
    public func findings(level: Int, limit: Int = 50) throws -> [Finding] {
        try database.write { db in
            try db.execute(sql: "CREATE INDEX record_by_key ON record (key)")
            var findings: [Finding] = []
            let duplicates = try Row.fetchAll(db, sql: """
                SELECT key, COUNT(*) AS copies FROM record GROUP BY key HAVING COUNT(*) > 1 ORDER BY key LIMIT ?
                """, arguments: [limit + 1])
            for row in duplicates.prefix(limit) {
                let key: Data = row["key"]
                let file = try String.fetchOne(db, sql: """
                    SELECT MIN(f.path) FROM record r JOIN file f ON f.number = r.file WHERE r.key = ?
                    """, arguments: [key])
                findings.append(Finding(level: level, code: .duplicateID, path: file, record: IndexKey.text(of: Array(key)),
                                        message: "the id is used by \(row["copies"] as Int) records"))
            }
            if duplicates.count > limit {
                findings.append(Finding(level: level, code: .duplicateID, message: "more records share ids than are listed here"))
            }
            let dangling = try Row.fetchAll(db, sql: """
                SELECT r.from_key, d.name, d.target_kind, f.path, r.line
                FROM reference r JOIN field d ON d.number = r.field JOIN file f ON f.number = r.file
                WHERE NOT EXISTS (SELECT 1 FROM record t WHERE t.key = r.target_key)
                ORDER BY f.path, r.line LIMIT ?
                """, arguments: [limit + 1])
            for row in dangling.prefix(limit) {
                let from: Data = row[0]
                findings.append(Finding(level: level, code: .danglingReference, path: row[3], line: row[4],
                                        record: IndexKey.text(of: Array(from)),
                                        message: "field \(row[1] as String) refers to a \(row[2] as String) record the bundle does not hold"))
            }
            if dangling.count > limit {
                findings.append(Finding(level: level, code: .danglingReference, message: "more references have no target than are listed here"))
            }
            return findings
        }
    }

    /// The number of a file or field, added when it is new.
    private static func number(of values: [String], in table: String, columns: [String], _ db: Database) throws -> Int64 {
        let condition = columns.map { "\($0) = ?" }.joined(separator: " AND ")
        let arguments = StatementArguments(values)
        if let known = try Int64.fetchOne(db, sql: "SELECT number FROM \(table) WHERE \(condition)", arguments: arguments) {
            return known
        }
        try db.execute(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                       arguments: arguments)
        return db.lastInsertedRowID
    }

    /// Binds the key at `range` of `keys`; SQLite copies nothing, the statement runs at once.
    private static func bind(_ keys: UnsafeRawBufferPointer, _ range: Range<Int>, to statement: SQLiteStatement, at position: Int32) {
        sqlite3_bind_blob(statement, position, keys.baseAddress! + range.lowerBound, Int32(range.count), nil)
    }

    /// Binds a row with `bind`, runs the statement and resets it.
    private static func insert(_ statement: Statement, _ db: Database, bind: (SQLiteStatement) -> Void) throws {
        let handle = statement.sqliteStatement
        bind(handle)
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
