import Foundation
import Logging
import PortaConnectors
import PostgresNIO

/// A receiver's PostgreSQL database, in its current schema. One connection and one
/// transaction; every value is bound as untyped text, so the server gives it the type of its
/// column (a date, a timestamp, a numeric), and never spliced.
public final class PostgreSQLReceiver: ReceiverDatabase, @unchecked Sendable {
    private let connection: PostgresConnection
    /// postgres-nio's own logger stays silent: at debug it logs bound values.
    private let logger = Logger(label: "porta.postgres-nio") { _ in SwiftLogNoOpLogHandler() }

    /// Connects to the `postgres://` URL `url` with `password`; neither is ever logged or named.
    /// The tables are those of `schema`, or of the user's default schema.
    /// - Throws: ``ImportError`` `store` when it cannot connect or the schema name is not plain.
    public static func connect(url: String, password: String?, schema: String? = nil) async throws -> PostgreSQLReceiver {
        if let schema, !ConfigNode.isIdentifier(schema) {
            throw ImportError(.store, path: "postgresql", message: "the schema name must be plain (letters, digits, underscores)")
        }
        do {
            let configuration = try PostgreSQLConnector.configuration(url: url, password: password, tls: .disable, source: "receiver")
            let logger = Logger(label: "porta.postgres-nio") { _ in SwiftLogNoOpLogHandler() }
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            if let schema { _ = try await connection.query(PostgresQuery(unsafeSQL: "SET search_path TO \"\(schema)\""), logger: logger) }
            return PostgreSQLReceiver(connection: connection)
        } catch {
            throw ImportError(.store, path: "postgresql", message: "cannot connect to the receiver's PostgreSQL database (\(PostgreSQLConnector.reason(error)))")
        }
    }

    private init(connection: PostgresConnection) {
        self.connection = connection
    }

    public func placeholder(_ number: Int) -> String { "$\(number)" }
    public func isSame(_ column: String, _ placeholder: String) -> String { "\(column) IS NOT DISTINCT FROM \(placeholder)" }

    public func begin() async throws { _ = try await connection.query("BEGIN ISOLATION LEVEL SERIALIZABLE", logger: logger) }
    public func commit() async throws { _ = try await connection.query("COMMIT", logger: logger) }
    public func rollback() async { _ = try? await connection.query("ROLLBACK", logger: logger) }

    public func columns(of table: String) async throws -> Set<String>? {
        let rows = try await connection.query(Self.query("""
            SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
            """, [.text(table)]), logger: logger)
        var names: Set<String> = []
        for try await name in rows.decode(String.self) { names.insert(name) }
        return names.isEmpty ? nil : names
    }

    public func execute(_ sql: String, _ values: [BoundValue]) async throws -> Int {
        let rows = try await connection.query(Self.query(sql, values), logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    public func firstRow(_ sql: String, _ values: [BoundValue]) async throws -> [String?]? {
        let rows = try await connection.query(Self.query(sql, values), logger: logger)
        var first: [String?]?
        for try await row in rows where first == nil {
            first = try row.map { try $0.decode(String?.self) }
        }
        return first
    }

    /// The SQLSTATE, and the constraint, table and column the server names: never its detail,
    /// which quotes the values.
    public func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError, let info = error.serverInfo else { return PostgreSQLConnector.reason(error) }
        var parts = ["SQLSTATE \(info[.sqlState] ?? "?")"]
        if let table = info[.tableName] { parts.append("table \(table)") }
        if let column = info[.columnName] { parts.append("column \(column)") }
        if let constraint = info[.constraintName] { parts.append("constraint \(constraint)") }
        return parts.joined(separator: ", ")
    }

    public func close() async { try? await connection.close() }

    private static func query(_ sql: String, _ values: [BoundValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(UntypedText(text: String(number)))
            case .text(let text): bindings.append(UntypedText(text: text))
            case .boolean(let flag): bindings.append(UntypedText(text: flag ? "true" : "false"))
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
