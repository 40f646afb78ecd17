import Foundation
import Logging
import PortaModel
import PostgresNIO

extension DatabaseSchema {
    /// Reads the schema of the PostgreSQL database at `url` (its current schema), with
    /// `password`, in a read-only session. Neither is ever logged or named in an error.
    /// - Throws: ``ConnectorError`` `source-unavailable` or `query-failed`, with the SQLSTATE only.
    public static func postgresql(url: String, password: String?) async throws -> DatabaseSchema {
        let source = "init"
        let configuration = try PostgreSQLConnector.configuration(url: url, password: password, tls: .disable, source: source)
        let logger = Logger(label: "porta.postgres-nio") { _ in SwiftLogNoOpLogHandler() }
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw ConnectorError(.unavailable, source: source, message: "cannot connect to PostgreSQL (\(PostgreSQLConnector.reason(error)))")
        }
        do {
            _ = try await connection.query("SET default_transaction_read_only = on", logger: logger)
            let schema = try await read(connection, logger: logger)
            try? await connection.close()
            return schema
        } catch {
            try? await connection.close()
            throw ConnectorError(.query, source: source, message: "PostgreSQL query failed (\(PostgreSQLConnector.reason(error)))")
        }
    }

    private static func read(_ connection: PostgresConnection, logger: Logger) async throws -> DatabaseSchema {
        var tables: [String: Table] = [:]
        var order: [String] = []
        let columns = try await connection.query("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text
            FROM information_schema.columns c JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type IN ('BASE TABLE', 'VIEW')
            ORDER BY c.table_name, c.ordinal_position
            """, logger: logger)
        for try await (table, column, type) in columns.decode((String, String, String).self) {
            if tables[table] == nil { tables[table] = Table(name: table, columns: [], primaryKey: [], foreignKeys: []); order.append(table) }
            tables[table]!.columns.append(Column(name: column, declaredType: type))
        }
        let keys = try await connection.query("""
            SELECT tc.table_name::text, kcu.column_name::text
            FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu
              ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
            WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
            ORDER BY tc.table_name, kcu.ordinal_position
            """, logger: logger)
        for try await (table, column) in keys.decode((String, String).self) { tables[table]?.primaryKey.append(column) }
        let references = try await connection.query("""
            SELECT kcu.table_name::text, kcu.column_name::text, ccu.table_name::text, ccu.column_name::text
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
            ORDER BY 1, 2
            """, logger: logger)
        for try await (table, column, target, targetColumn) in references.decode((String, String, String, String).self) {
            tables[table]?.foreignKeys.append(ForeignKey(column: column, table: target, referencedColumn: targetColumn))
        }
        for name in order {
            guard var table = tables[name] else { continue }
            let types = table.columns.map { ColumnType($0.declaredType) }
            let select = zip(table.columns, types).map { $1.select(RowQuery.quoted($0.name)) }.joined(separator: ", ")
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(select) FROM \(RowQuery.quoted(name)) LIMIT \(sampleRows)"),
                                                  logger: logger)
            for try await row in rows {
                for (index, cell) in row.enumerated() {
                    table.columns[index].samples.append(types[index].value(try cell.decode(String?.self)))
                }
            }
            tables[name] = table
        }
        return DatabaseSchema(tables: order.compactMap { tables[$0] })
    }
}
