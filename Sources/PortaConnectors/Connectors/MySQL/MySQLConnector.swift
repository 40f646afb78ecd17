import Foundation
import Logging
import PortaBytes
import PortaModel

/// Reads a subject's records from a MySQL 8 or MariaDB 10.11+ database through libmariadb.
///
/// The connection string comes from the config (without a password) or an environment variable;
/// the password from `password-env`. Neither is logged. Every query is built from checked names
/// and a prepared statement that takes every value as a bound parameter; rows stream from the
/// server one at a time. Each connector call runs in one read-only transaction with a
/// consistent snapshot. Subject keys are compared byte for byte, never by a collation that
/// ignores case or trailing spaces. A column name `settings.newsletter.topic` reads a member of
/// the JSON held in the column `settings`. Errors give the server's error number and SQLSTATE,
/// never its message (which may quote a value).
///
/// The client library blocks while it waits for the server, so each call holds its task's
/// thread until its rows have come.
public final class MySQLConnector: Connector {
    public let source: SourceConfig
    public let referenceDate: CalendarDate
    private let settings: DatabaseServerSettings
    private let address: (url: String, password: String?)
    private let logger: Logger

    /// Prepares the connection; nothing is contacted until the first call.
    /// - Throws: ``ConnectorError`` `source-unavailable` when the connection string or the
    ///   password's variable is missing.
    public init(source: SourceConfig, referenceDate: CalendarDate, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.source = source
        self.referenceDate = referenceDate
        self.logger = logger
        guard case .mysql(let settings) = source.settings else {
            throw ConnectorError(.unavailable, source: source.id, message: "not a MySQL source")
        }
        self.settings = settings
        address = try settings.connection(source: source, environment: environment)
    }

    public func findSubject(matching identifiers: [SubjectIdentifier]) async throws -> SubjectMatch {
        var matcher = SubjectRowMatcher(source: source, identifiers: identifiers, referenceDate: referenceDate, logger: logger)
        guard let query = IdentifierSQL.subjectQuery(source.subjects, identifiers: identifiers, dialect: .mysql) else {
            return matcher.match
        }
        try withConnection(table: source.subjects.table) { connection in
            try connection.prepare(query.sql).run(query.arguments) { cells in
                try matcher.add(cells.map { $0.map { .text(String(decoding: $0, as: UTF8.self)) } ?? .null })
            }
        }
        return matcher.match
    }

    public func enumerateSubjects(into body: (IndexedSubject) throws -> Void) async throws {
        let sql = IdentifierSQL.indexQuery(source.subjects, dialect: .mysql)
        try withConnection(table: source.subjects.table) { connection in
            try connection.prepare(sql).run([]) { cells in
                let values = cells.map { $0.map { SourceValue.text(String(decoding: $0, as: UTF8.self)) } ?? .null }
                try body(try IndexedSubject.read(values, source: source, referenceDate: referenceDate, logger: logger))
            }
        }
    }

    public func sample(rowsPerMapping: Int) async throws -> [MappingSample] {
        var samples: [MappingSample] = []
        try withConnection(table: nil) { connection in
            // A query is sampled on the first subjects' keys, until it has given enough rows.
            let queryKeys = source.records.contains { $0.query != nil } ? try firstSubjectKeys(rowsPerMapping, connection: connection) : []
            for mapping in source.records {
                let query = RowQuery(mapping: mapping, subjectKeys: nil, limit: rowsPerMapping, dialect: .mysql)
                let mapper = RowMapper(mapping: mapping, source: source.id, referenceDate: referenceDate)
                var sample = MappingSample(source: source.id, mapping: mapping)
                if mapping.query != nil { sample.queryColumns = try resultColumns(of: mapping, connection: connection).map(\.name) }
                let statement = try connection.prepare(query.sql)
                let runs = RowQuery.runs(of: mapping, keys: mapping.query == nil ? [] : queryKeys, dialect: .mysql)
                for arguments in runs where sample.rows < rowsPerMapping {
                    try statement.run(arguments) { cells in
                        guard sample.rows < rowsPerMapping else { return }
                        let row = MySQLRow(columns: statement.columns, cells: cells, json: query.jsonColumns)
                        sample.add(row.trial(mapper, mapping: mapping, source: source.id))
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
        try withConnection(table: nil) { connection in
            for mapping in source.records {
                let query = RowQuery(mapping: mapping, subjectKeys: subject.keys.count, dialect: .mysql)
                let mapper = RowMapper(mapping: mapping, source: source.id, referenceDate: referenceDate)
                let statement = try connection.prepare(query.sql)
                for arguments in RowQuery.runs(of: mapping, keys: subject.keys, dialect: .mysql) {
                    try statement.run(arguments) { cells in
                        let row = MySQLRow(columns: statement.columns, cells: cells, json: query.jsonColumns)
                        if let record = try source.record(of: mapping, logger: logger, problem: problem, {
                            try row.record(mapper, mapping: mapping, source: source.id)
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
        try withConnection(table: nil) { connection in
            for mapping in source.records {
                let kinds = try columnKinds(of: mapping, connection: connection)
                for column in FloatingMoney.amountColumns(of: mapping) where kinds[RowQuery.storedColumn(column)] == .real {
                    throw ConnectorError(.mappingMismatch, source: source.id, table: mapping.table,
                                         message: "column \(column) holds money as floating point, which is not exact")
                }
            }
        }
        return "\(counted(tables, "table")), \(counted(source.records.count, "mapping"))"
    }

    /// Checks that every table and column the config names exists; returns the tables checked.
    public func checkMapping() async throws -> Int {
        let needed = MappedTables.columns(of: source)
        try withConnection(table: nil) { connection in
            let statement = try connection.prepare(
                "SELECT CAST(COLUMN_NAME AS CHAR) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")
            for (table, columns) in needed.sorted(by: { $0.key < $1.key }) {
                var present: Set<String> = []
                try statement.run([table]) { cells in present.insert(String(decoding: cells[0] ?? [], as: UTF8.self)) }
                guard !present.isEmpty else {
                    throw ConnectorError(.mappingMismatch, source: source.id, table: table, message: "table or view does not exist")
                }
                if let missing = columns.subtracting(present).sorted().first {
                    throw ConnectorError(.mappingMismatch, source: source.id, table: table, message: "column \(missing) does not exist")
                }
            }
        }
        return needed.count
    }

    /// How each column a mapping reads is read: from its table's or its query's result.
    private func columnKinds(of mapping: RecordMapping, connection: MySQLConnection) throws -> [String: MySQLColumn.Kind] {
        let columns: [MySQLColumn]
        if mapping.query != nil {
            columns = try resultColumns(of: mapping, connection: connection)
        } else {
            columns = try connection.prepare(RowQuery(mapping: mapping, subjectKeys: nil, limit: 0, dialect: .mysql).sql).columns
        }
        return Dictionary(columns.map { ($0.name, $0.kind) }) { first, _ in first }
    }

    /// A query mapping's result columns, in order, found by preparing it: it must prepare and
    /// it must give the columns its mapping reads.
    private func resultColumns(of mapping: RecordMapping, connection: MySQLConnection) throws -> [MySQLColumn] {
        guard let query = mapping.query else { return [] }
        let columns: [MySQLColumn]
        do {
            columns = try connection.prepare("SELECT * FROM (\(query.sql(.mysql))) AS t LIMIT 0").columns
        } catch let failure as MySQLConnection.Failure {
            throw ConnectorError(.mappingMismatch, source: source.id, table: mapping.table,
                                 message: "the query of the \(mapping.kind.name) mapping cannot run (\(failure))")
        }
        let stored = Set(RowMapper.columns(of: mapping).map(RowQuery.storedColumn))
        if let missing = stored.subtracting(columns.map(\.name)).sorted().first {
            throw ConnectorError(.mappingMismatch, source: source.id, table: mapping.table,
                                 message: "the query of the \(mapping.kind.name) mapping gives no column \(missing)")
        }
        return columns
    }

    /// The keys of the first `count` subjects of the subject table, in key order.
    private func firstSubjectKeys(_ count: Int, connection: MySQLConnection) throws -> [String] {
        let lookup = source.subjects
        let sql = "SELECT CAST(\(RowQuery.quoted(lookup.key)) AS CHAR) FROM \(RowQuery.quoted(lookup.table)) ORDER BY 1 LIMIT \(count)"
        var keys: [String] = []
        try connection.prepare(sql).run([]) { cells in
            if let key = cells[0] { keys.append(String(decoding: key, as: UTF8.self)) }
        }
        return keys
    }

    /// Connects, runs `work`, and closes; errors become ``ConnectorError`` with the server's
    /// error number and SQLSTATE only.
    private func withConnection(table: String?, _ work: (MySQLConnection) throws -> Void) throws {
        let connection = try MySQLConnection(url: address.url, password: address.password, tls: settings.tls, source: source.id)
        do {
            try work(connection)
        } catch let failure as MySQLConnection.Failure {
            throw ConnectorError(.query, source: source.id, table: table, message: "MySQL query failed (\(failure))")
        }
    }
}
