import Foundation
import GRDB
import PortaModel

extension DatabaseSchema {
    /// Reads the schema of the SQLite database at `path`, opened read-only.
    /// - Throws: ``ConnectorError`` `source-unavailable` when it cannot be opened or read.
    public static func sqlite(path: String) throws -> DatabaseSchema {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConnectorError(.unavailable, source: "init", message: "database file not found at \(path)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let database = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? database.close() }
            return try database.read { db in
                let names = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name
                    """)
                return DatabaseSchema(tables: try names.map { try table($0, in: db) })
            }
        } catch let error as DatabaseError {
            throw ConnectorError(.unavailable, source: "init", message: "cannot read the database: SQLite error \(error.resultCode.rawValue)")
        }
    }

    private static func table(_ name: String, in db: Database) throws -> Table {
        let quoted = RowQuery.quoted(name)
        var columns: [Column] = []
        var keyed: [(Int, String)] = []
        for row in try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted))") {
            let column: String = row["name"]
            columns.append(Column(name: column, declaredType: (row["type"] as String?) ?? ""))
            let position: Int = row["pk"]
            if position > 0 { keyed.append((position, column)) }
        }
        let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(quoted))").compactMap { row -> ForeignKey? in
            guard let column: String = row["from"], let table: String = row["table"] else { return nil }
            return ForeignKey(column: column, table: table, referencedColumn: (row["to"] as String?) ?? "")
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(quoted) LIMIT \(sampleRows)")
        while let row = try rows.next() {
            for index in columns.indices { columns[index].samples.append(SQLiteConnector.sourceValue(row, at: index)) }
        }
        return Table(name: name, columns: columns, primaryKey: keyed.sorted { $0.0 < $1.0 }.map(\.1), foreignKeys: foreignKeys)
    }
}
