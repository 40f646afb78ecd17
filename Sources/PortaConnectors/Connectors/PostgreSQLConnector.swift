import Foundation
import Logging
import NIOSSL
import PortaModel
import PostgresNIO

/// Reads a subject's records from a PostgreSQL database through postgres-nio.
///
/// The connection string comes from the config (without a password) or an environment variable;
/// the password from the URL in that variable or from `password-env`. Neither is logged. Every
/// query is built from checked names and takes every value as a bound parameter; rows stream
/// from the server. Values are read as text in SQL (timestamps as RFC 3339 UTC, booleans as
/// `true`/`false`, `bytea` as hex), so they convert exactly as SQLite's do. Errors give the
/// SQLSTATE, never the server's message (which may quote a value).
public final class PostgreSQLConnector: Connector {
    public let source: SourceConfig
    public let referenceDate: CalendarDate
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    /// postgres-nio's own logger: silent, because at debug and trace it logs queries with
    /// their bound values, which are the subject's identifiers.
    private let driverLogger = Logger(label: "porta.postgres-nio") { _ in SwiftLogNoOpLogHandler() }
    /// Column types by table, read once from the catalog.
    private let columnTypes = ColumnTypeCache()

    /// Prepares the connection; nothing is contacted until the first call.
    /// - Throws: ``ConnectorError`` `source-unavailable` when the connection string is missing
    ///   or not valid.
    public init(source: SourceConfig, referenceDate: CalendarDate, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.source = source
        self.referenceDate = referenceDate
        self.logger = logger
        guard case .postgresql(let settings) = source.settings else {
            throw ConnectorError(.unavailable, source: source.id, message: "not a PostgreSQL source")
        }
        configuration = try Self.configuration(settings, source: source, environment: environment)
    }

    static func configuration(_ settings: DatabaseServerSettings, source: SourceConfig,
                              environment: [String: String]) throws -> PostgresConnection.Configuration {
        let (text, password) = try settings.connection(source: source, environment: environment)
        return try configuration(url: text, password: password, tls: settings.tls, source: source.id)
    }

    /// The connection to the `postgres://user@host/database` URL `text`, with `password` when
    /// given (else the URL's own).
    /// - Throws: ``ConnectorError`` `source-unavailable`, naming neither the URL nor the password.
    public static func configuration(url text: String, password: String?, tls mode: DatabaseServerSettings.TLSMode,
                              source: String) throws -> PostgresConnection.Configuration {
        guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql",
              let host = url.host, !host.isEmpty, let user = url.user else {
            throw ConnectorError(.unavailable, source: source, message: "the connection string is not a postgres://user@host/database URL")
        }
        let password = password ?? url.password
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch mode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw ConnectorError(.unavailable, source: source, message: "TLS cannot be set up")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        return PostgresConnection.Configuration(host: host, port: url.port ?? 5432, username: user, password: password,
                                                database: database.isEmpty ? nil : database, tls: tls)
    }

    public func findSubject(matching identifiers: [SubjectIdentifier]) async throws -> SubjectMatch {
        var matcher = SubjectRowMatcher(source: source, identifiers: identifiers, referenceDate: referenceDate, logger: logger)
        guard let query = IdentifierSQL.subjectQuery(source.subjects, identifiers: identifiers, dialect: .postgresql) else {
            return matcher.match
        }
        try await withConnection(table: source.subjects.table) { connection in
            let rows = try await connection.query(Self.query(query.sql, query.arguments), logger: self.driverLogger)
            for try await row in rows {
                try matcher.add(row.map { cell in (try? cell.decode(String?.self)).flatMap { $0 }.map(SourceValue.text) ?? .null })
            }
        }
        return matcher.match
    }

    public func enumerateSubjects(into body: (IndexedSubject) throws -> Void) async throws {
        let sql = IdentifierSQL.indexQuery(source.subjects, dialect: .postgresql)
        try await withConnection(table: source.subjects.table) { connection in
            let rows = try await connection.query(Self.query(sql, []), logger: self.driverLogger)
            for try await row in rows {
                let values = row.map { cell in (try? cell.decode(String?.self)).flatMap { $0 }.map(SourceValue.text) ?? .null }
                try body(try IndexedSubject.read(values, source: self.source, referenceDate: self.referenceDate, logger: self.logger))
            }
        }
    }

    public func sample(rowsPerMapping: Int) async throws -> [MappingSample] {
        var samples: [MappingSample] = []
        try await withConnection(table: nil) { connection in
            // A query is sampled on the first subjects' keys, until it has given enough rows.
            let queryKeys = self.source.records.contains { $0.query != nil }
                ? try await self.firstSubjectKeys(rowsPerMapping, connection: connection) : []
            for mapping in self.source.records {
                let types = try await self.types(of: mapping, connection: connection)
                let query = RowQuery(mapping: mapping, subjectKeys: nil, limit: rowsPerMapping, dialect: .postgresql) { column in
                    ColumnType(types[column] ?? "text").select("t.\(RowQuery.quoted(column))")
                }
                let mapper = RowMapper(mapping: mapping, source: self.source.id, referenceDate: self.referenceDate)
                var sample = MappingSample(source: self.source.id, mapping: mapping)
                if mapping.query != nil { sample.queryColumns = try await self.resultColumns(of: mapping, connection: connection).map(\.name) }
                let runs = RowQuery.runs(of: mapping, keys: mapping.query == nil ? [] : queryKeys, dialect: .postgresql)
                for arguments in runs where sample.rows < rowsPerMapping {
                    let rows = try await connection.query(Self.query(query.sql, arguments), logger: self.driverLogger)
                    for try await row in rows where sample.rows < rowsPerMapping {
                        var values: [String: SourceValue] = [:]
                        for (column, cell) in zip(query.columns, row) {
                            values[column] = ColumnType(types[column] ?? "text").value((try? cell.decode(String?.self)).flatMap { $0 })
                        }
                        sample.add(mapper.trial { values[$0] ?? .null })
                    }
                }
                samples.append(sample)
            }
        }
        return samples
    }

    public func streamRecords(of subject: SubjectMatch, problem: (ConnectorError) -> Void,
                              into body: (PulledRecord) throws -> Void) async throws {
        guard !subject.keys.isEmpty else { return }
        try await withConnection(table: nil) { connection in
            for mapping in self.source.records {
                let types = try await self.types(of: mapping, connection: connection)
                let query = RowQuery(mapping: mapping, subjectKeys: subject.keys.count, dialect: .postgresql) { column in
                    ColumnType(types[column] ?? "text").select("t.\(RowQuery.quoted(column))")
                }
                let mapper = RowMapper(mapping: mapping, source: self.source.id, referenceDate: self.referenceDate)
                for arguments in RowQuery.runs(of: mapping, keys: subject.keys, dialect: .postgresql) {
                    let rows = try await connection.query(Self.query(query.sql, arguments), logger: self.driverLogger)
                    for try await row in rows {
                        var values: [String: SourceValue] = [:]
                        for (column, cell) in zip(query.columns, row) {
                            let text = (try? cell.decode(String?.self)).flatMap { $0 }
                            values[column] = ColumnType(types[column] ?? "text").value(text)
                        }
                        if let record = try self.source.record(of: mapping, logger: self.logger, problem: problem, {
                            try mapper.record { values[$0] ?? .null }
                        }) {
                            try body(record)
                        }
                    }
                }
            }
        }
    }

    public func check() async throws -> String {
        let tables = try await checkMapping()
        try await withConnection(table: nil) { connection in
            for mapping in self.source.records {
                let types = try await self.types(of: mapping, connection: connection)
                for column in FloatingMoney.amountColumns(of: mapping) where ["real", "double precision"].contains(types[column] ?? "") {
                    throw ConnectorError(.mappingMismatch, source: self.source.id, table: mapping.table,
                                         message: "column \(column) holds money as floating point, which is not exact")
                }
            }
        }
        return "\(counted(tables, "table")), \(counted(source.records.count, "mapping"))"
    }

    /// Checks that every table and column the config names exists; returns the tables checked.
    public func checkMapping() async throws -> Int {
        let needed = MappedTables.columns(of: source)
        try await withConnection(table: nil) { connection in
            for (table, columns) in needed.sorted(by: { $0.key < $1.key }) {
                let present = try await self.types(of: table, connection: connection)
                guard !present.isEmpty else {
                    throw ConnectorError(.mappingMismatch, source: self.source.id, table: table, message: "table or view does not exist")
                }
                if let missing = columns.subtracting(present.keys).sorted().first {
                    throw ConnectorError(.mappingMismatch, source: self.source.id, table: table, message: "column \(missing) does not exist")
                }
            }
        }
        return needed.count
    }

    /// The column types of what a mapping reads: its table's, or its query's result's.
    private func types(of mapping: RecordMapping, connection: PostgresConnection) async throws -> [String: String] {
        guard let query = mapping.query else { return try await types(of: mapping.table, connection: connection) }
        let cacheKey = "query \(query.text)"
        if let known = columnTypes.get(cacheKey) { return known }
        let types = Dictionary(try await resultColumns(of: mapping, connection: connection).map { ($0.name, $0.type) }) { first, _ in first }
        columnTypes.set(cacheKey, types)
        return types
    }

    /// A query mapping's result columns and their types, in order, found by running the query
    /// for no rows: it must prepare, it must only read, and it must give the columns its
    /// mapping reads.
    private func resultColumns(of mapping: RecordMapping, connection: PostgresConnection) async throws -> [(name: String, type: String)] {
        guard let query = mapping.query else { return [] }
        let rows: PostgresRowSequence
        do {
            var noKey = PostgresBindings(capacity: 1)
            noKey.appendNull()
            rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT * FROM (\(query.sql(.postgresql))) AS t LIMIT 0", binds: noKey),
                                              logger: driverLogger)
        } catch {
            throw ConnectorError(.mappingMismatch, source: source.id, table: mapping.table,
                                 message: "the query of the \(mapping.kind.name) mapping cannot run (\(Self.reason(error)))")
        }
        let columns = rows.columns.map { (name: $0.name, type: ColumnType.name(of: $0.dataType)) }
        for try await _ in rows {}
        if let missing = Set(RowMapper.columns(of: mapping)).subtracting(columns.map(\.name)).sorted().first {
            throw ConnectorError(.mappingMismatch, source: source.id, table: mapping.table,
                                 message: "the query of the \(mapping.kind.name) mapping gives no column \(missing)")
        }
        return columns
    }

    /// The keys of the first `count` subjects of the subject table, in key order.
    private func firstSubjectKeys(_ count: Int, connection: PostgresConnection) async throws -> [String] {
        let lookup = source.subjects
        let sql = "SELECT CAST(\(RowQuery.quoted(lookup.key)) AS TEXT) FROM \(RowQuery.quoted(lookup.table)) ORDER BY 1 LIMIT \(count)"
        var keys: [String] = []
        for try await key in try await connection.query(Self.query(sql, []), logger: driverLogger).decode(String.self) { keys.append(key) }
        return keys
    }

    private func types(of table: String, connection: PostgresConnection) async throws -> [String: String] {
        if let known = columnTypes.get(table) { return known }
        var types: [String: String] = [:]
        let sql = "SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1"
        let rows = try await connection.query(Self.query(sql, [table]), logger: driverLogger)
        for try await (name, type) in rows.decode((String, String).self) { types[name] = type }
        columnTypes.set(table, types)
        return types
    }

    private static func query(_ sql: String, _ arguments: [String]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments { bindings.append(UntypedText(text: argument)) }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// Connects, runs `work`, and closes; errors become ``ConnectorError`` with the SQLSTATE only.
    private func withConnection(table: String?, _ work: (PostgresConnection) async throws -> Void) async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: driverLogger)
        } catch {
            throw ConnectorError(.unavailable, source: source.id, message: "cannot connect to PostgreSQL (\(Self.reason(error)))")
        }
        do {
            // Every statement of the connection only reads: a mapping's query that tries to write fails.
            _ = try await connection.query("SET default_transaction_read_only = on", logger: driverLogger)
            try await work(connection)
            try? await connection.close()
        } catch let error as ConnectorError {
            try? await connection.close()
            throw error
        } catch {
            try? await connection.close()
            throw ConnectorError(.query, source: source.id, table: table, message: "PostgreSQL query failed (\(Self.reason(error)))")
        }
    }

    /// Why a PostgreSQL call failed: the SQLSTATE or the driver's code, never a value.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] { return "SQLSTATE \(state)" }
            return "\(error.code)"
        }
        return "\(type(of: error))"
    }
}

/// A parameter sent as text of no stated type, so the server gives it the type its place in
/// the statement needs: a key compared with an integer column (`c.id = :subject`) is read as an
/// integer, one compared with text as text. It is still a bound value, never spliced.
public struct UntypedText: PostgresNonThrowingEncodable {
    public let text: String
    public init(text: String) { self.text = text }
    public static var psqlType: PostgresDataType { PostgresDataType(0) }
    public static var psqlFormat: PostgresFormat { .text }

    public func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}

/// A PostgreSQL column type, as the catalog names it, and how Porta reads it as text.
struct ColumnType {
    let name: String

    init(_ name: String) { self.name = name }

    /// The catalog's name of a result column's type, for the types Porta reads specially.
    static func name(of type: PostgresDataType) -> String {
        switch type {
        case .int2: "smallint"
        case .int4: "integer"
        case .int8: "bigint"
        case .float4: "real"
        case .float8: "double precision"
        case .bool: "boolean"
        case .timestamptz: "timestamp with time zone"
        case .timestamp: "timestamp without time zone"
        case .bytea: "bytea"
        case .date: "date"
        case .numeric: "numeric"
        default: "text"
        }
    }

    func select(_ column: String) -> String {
        switch name {
        case "boolean": "CASE WHEN \(column) IS NULL THEN NULL WHEN \(column) THEN 'true' ELSE 'false' END"
        case "timestamp with time zone": "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
        // No zone: read as a local time, which the mapping's time-zone places (never as UTC by guess).
        case "timestamp without time zone": "to_char(\(column), 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
        case "bytea": "encode(\(column), 'hex')"
        default: "CAST(\(column) AS TEXT)"
        }
    }

    func value(_ text: String?) -> SourceValue {
        guard let text else { return .null }
        switch name {
        case "smallint", "integer", "bigint": return Int64(text).map(SourceValue.integer) ?? .text(text)
        case "real", "double precision": return Double(text).map(SourceValue.real) ?? .text(text)
        case "boolean": return .boolean(text == "true")
        case "bytea":
            var bytes: [UInt8] = []
            var iterator = Array(text.utf8).makeIterator()
            while let high = iterator.next(), let low = iterator.next() {
                bytes.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) ?? 0)
            }
            return .blob(bytes)
        default: return .text(text)
        }
    }
}

/// The column types of tables, filled once per table.
final class ColumnTypeCache: @unchecked Sendable {
    private var types: [String: [String: String]] = [:]
    private let lock = NSLock()

    func get(_ table: String) -> [String: String]? { lock.withLock { types[table] } }
    func set(_ table: String, _ value: [String: String]) { lock.withLock { types[table] = value } }
}
