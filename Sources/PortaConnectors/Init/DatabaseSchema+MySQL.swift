import PortaModel

extension DatabaseSchema {
    /// Reads the schema of the MySQL or MariaDB database at `url` (the URL's database), with
    /// `password`, in a read-only session. Neither is ever logged or named in an error. A
    /// `TIMESTAMP` column is declared `timestamp with time zone` (MySQL keeps it in UTC), a
    /// `TINYINT(1)` `boolean`; other types as the server names them (`datetime`, `decimal(12,2)`).
    /// - Throws: ``ConnectorError`` `source-unavailable` or `query-failed`, with the server's
    ///   error number and SQLSTATE only.
    public static func mysql(url: String, password: String?) throws -> DatabaseSchema {
        let source = "init"
        let connection = try MySQLConnection(url: url, password: password, tls: .disable, source: source)
        do {
            return try read(connection)
        } catch let failure as MySQLConnection.Failure {
            throw ConnectorError(.query, source: source, message: "MySQL query failed (\(failure))")
        }
    }

    private static func read(_ connection: MySQLConnection) throws -> DatabaseSchema {
        var tables: [String: Table] = [:]
        var order: [String] = []
        func text(_ cell: [UInt8]?) -> String { String(decoding: cell ?? [], as: UTF8.self) }
        try connection.prepare("""
            SELECT CAST(c.TABLE_NAME AS CHAR), CAST(c.COLUMN_NAME AS CHAR), CAST(c.DATA_TYPE AS CHAR), CAST(c.COLUMN_TYPE AS CHAR)
            FROM information_schema.COLUMNS c JOIN information_schema.TABLES t
              ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
            WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE IN ('BASE TABLE', 'VIEW')
            ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
            """).run([]) { cells in
            let table = text(cells[0])
            let type = switch (text(cells[2]).lowercased(), text(cells[3]).lowercased()) {
            case ("timestamp", _): "timestamp with time zone"
            case (_, let full) where full.hasPrefix("tinyint(1)"): "boolean"
            case (_, let full): full
            }
            if tables[table] == nil { tables[table] = Table(name: table, columns: [], primaryKey: [], foreignKeys: []); order.append(table) }
            tables[table]!.columns.append(Column(name: text(cells[1]), declaredType: type))
        }
        try connection.prepare("""
            SELECT CAST(TABLE_NAME AS CHAR), CAST(COLUMN_NAME AS CHAR), CAST(CONSTRAINT_NAME AS CHAR),
                   CAST(REFERENCED_TABLE_NAME AS CHAR), CAST(REFERENCED_COLUMN_NAME AS CHAR)
            FROM information_schema.KEY_COLUMN_USAGE
            WHERE TABLE_SCHEMA = DATABASE() AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)
            ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION
            """).run([]) { cells in
            let table = text(cells[0])
            if text(cells[2]) == "PRIMARY" {
                tables[table]?.primaryKey.append(text(cells[1]))
            } else {
                tables[table]?.foreignKeys.append(ForeignKey(column: text(cells[1]), table: text(cells[3]), referencedColumn: text(cells[4])))
            }
        }
        for name in order {
            guard var table = tables[name] else { continue }
            let select = table.columns.map { RowQuery.quoted($0.name) }.joined(separator: ", ")
            let statement = try connection.prepare("SELECT \(select) FROM \(RowQuery.quoted(name)) LIMIT \(sampleRows)")
            try statement.run([]) { cells in
                let row = MySQLRow(columns: statement.columns, cells: cells)
                for index in table.columns.indices { table.columns[index].samples.append(row.value(statement.columns[index].name)) }
            }
            tables[name] = table
        }
        return DatabaseSchema(tables: order.compactMap { tables[$0] })
    }
}
