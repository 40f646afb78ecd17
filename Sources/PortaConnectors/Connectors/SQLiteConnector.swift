import Foundation
import GRDB
import Logging
import PortaModel

/// Reads a subject's records from an SQLite database, through GRDB.
///
/// The database is opened read-only. Every query is built from names the config checked (plain
/// identifiers, quoted) and takes every value as a bound parameter; rows are read through a
/// cursor, one at a time, in key order.
///
/// Identifiers are matched after the database's spelling is normalised in SQL: e-mail
/// addresses case-folded and trimmed, phone numbers and personnummer with their separators
/// removed, then checked again in Swift with Porta's own normalisation.
public final class SQLiteConnector: Connector {
    public let source: SourceConfig
    /// The day 10-digit personnummer are read against (their century depends on it).
    public let referenceDate: CalendarDate
    private let database: DatabaseQueue
    private let logger: Logger

    /// Opens the source's database read-only and checks that its tables and columns exist.
    /// - Parameter referenceDate: the day 10-digit personnummer are read against; an export
    ///   passes its creation day, so the bundle does not depend on when it was made.
    /// - Throws: ``ConnectorError`` `source-unavailable` or `mapping-mismatch`.
    public init(source: SourceConfig, referenceDate: CalendarDate, logger: Logger) throws {
        self.source = source
        self.referenceDate = referenceDate
        self.logger = logger
        guard FileManager.default.fileExists(atPath: source.location) else {
            throw ConnectorError(.unavailable, source: source.id, message: "database file not found at \(source.location)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "porta.\(source.id)"
        do {
            database = try DatabaseQueue(path: source.location, configuration: configuration)
        } catch {
            throw ConnectorError(.unavailable, source: source.id, message: "cannot open the database: \(Self.reason(error))")
        }
        try checkMapping()
    }

    public func findSubject(matching identifiers: [SubjectIdentifier]) async throws -> SubjectMatch {
        var matcher = SubjectRowMatcher(source: source, identifiers: identifiers, referenceDate: referenceDate, logger: logger)
        guard let query = IdentifierSQL.subjectQuery(source.subjects, identifiers: identifiers, dialect: .sqlite) else {
            return matcher.match
        }
        try read(table: source.subjects.table) { db in
            let rows = try Row.fetchCursor(db, sql: query.sql, arguments: StatementArguments(query.arguments))
            while let row = try rows.next() {
                try matcher.add((0..<row.count).map { Self.sourceValue(row, at: $0) })
            }
        }
        return matcher.match
    }

    public func enumerateSubjects(into body: (IndexedSubject) throws -> Void) async throws {
        let sql = IdentifierSQL.indexQuery(source.subjects, dialect: .sqlite)
        try read(table: source.subjects.table) { db in
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                try body(try IndexedSubject.read((0..<row.count).map { Self.sourceValue(row, at: $0) }, source: source,
                                                 referenceDate: referenceDate, logger: logger))
            }
        }
    }

    public func streamRecords(of subject: SubjectMatch, problem: (ConnectorError) -> Void,
                              into body: (PulledRecord) throws -> Void) async throws {
        guard !subject.keys.isEmpty else { return }
        for mapping in source.records {
            let query = RowQuery(mapping: mapping, subjectKeys: subject.keys.count)
            let mapper = RowMapper(mapping: mapping, source: source.id, referenceDate: referenceDate)
            let position = Dictionary(uniqueKeysWithValues: query.columns.enumerated().map { ($1, $0) })
            for arguments in RowQuery.runs(of: mapping, keys: subject.keys, dialect: .sqlite) { try read(table: mapping.table) { db in
                let rows = try Row.fetchCursor(db, sql: query.sql, arguments: StatementArguments(arguments))
                while let row = try rows.next() {
                    if let record = try source.record(of: mapping, logger: logger, problem: problem, {
                        try mapper.record { column in Self.sourceValue(row, at: position[column]!) }
                    }) {
                        try body(record)
                    }
                }
            } }
        }
    }

    public func check() async throws -> String {
        var tables: Set<String> = [source.subjects.table]
        try read(table: nil) { db in
            for mapping in source.records where mapping.query == nil {
                tables.insert(mapping.table)
                for column in FloatingMoney.amountColumns(of: mapping) {
                    let declared = try db.columns(in: mapping.table).first { $0.name == column }?.type.uppercased() ?? ""
                    if ["REAL", "FLOA", "DOUB"].contains(where: declared.contains) {
                        throw ConnectorError(.mappingMismatch, source: source.id, table: mapping.table,
                                             message: "column \(column) holds money as floating point, which is not exact")
                    }
                }
            }
        }
        let queries = source.records.filter { $0.query != nil }.count
        return "\(counted(tables.count, "table")), " + (queries > 0 ? "\(queries) quer\(queries == 1 ? "y" : "ies"), " : "")
            + counted(source.records.count, "mapping")
    }

    public func sample(rowsPerMapping: Int) async throws -> [MappingSample] {
        var samples: [MappingSample] = []
        // A query is sampled on the first subjects' keys, until it has given enough rows.
        let queryKeys = source.records.contains { $0.query != nil } ? try firstSubjectKeys(rowsPerMapping) : []
        for mapping in source.records {
            let query = RowQuery(mapping: mapping, subjectKeys: nil, limit: rowsPerMapping)
            let mapper = RowMapper(mapping: mapping, source: source.id, referenceDate: referenceDate)
            let position = Dictionary(uniqueKeysWithValues: query.columns.enumerated().map { ($1, $0) })
            var sample = MappingSample(source: source.id, mapping: mapping)
            if let text = mapping.query {
                try read(table: mapping.table) { db in sample.queryColumns = try db.makeStatement(sql: text.sql(.sqlite)).columnNames }
            }
            let runs = RowQuery.runs(of: mapping, keys: mapping.query == nil ? [] : queryKeys, dialect: .sqlite)
            for arguments in runs where sample.rows < rowsPerMapping { try read(table: mapping.table) { db in
                let rows = try Row.fetchCursor(db, sql: query.sql, arguments: StatementArguments(arguments))
                while sample.rows < rowsPerMapping, let row = try rows.next() {
                    sample.add(mapper.trial { column in Self.sourceValue(row, at: position[column]!) })
                }
            } }
            samples.append(sample)
        }
        return samples
    }

    /// The keys of the first `count` subjects of the subject table, in key order.
    private func firstSubjectKeys(_ count: Int) throws -> [String] {
        let lookup = source.subjects
        let sql = "SELECT \(Self.quoted(lookup.key)) FROM \(Self.quoted(lookup.table)) ORDER BY 1 LIMIT \(count)"
        var keys: [String] = []
        try read(table: lookup.table) { db in
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() { if let key = Self.sourceValue(row, at: 0).identifierText { keys.append(key) } }
        }
        return keys
    }

    /// Checks that every table and column the source's config names exists, and that every
    /// query prepares, only reads, and gives the columns its mapping reads.
    private func checkMapping() throws {
        let needed = MappedTables.columns(of: source)
        try read(table: "query") { db in
            for mapping in source.records where mapping.query != nil {
                let statement = try db.makeStatement(sql: RowQuery(mapping: mapping, subjectKeys: 1).sql)
                guard statement.isReadonly else {
                    throw ConnectorError(.mappingMismatch, source: source.id, table: mapping.table,
                                         message: "the query of the \(mapping.kind.name) mapping would write; a query must only read")
                }
            }
        }
        try read(table: nil) { db in
            for (table, columns) in needed.sorted(by: { $0.key < $1.key }) {
                guard try db.tableExists(table) || db.viewExists(table) else {
                    throw ConnectorError(.mappingMismatch, source: source.id, table: table, message: "table or view does not exist")
                }
                let present = Set(try db.columns(in: table).map(\.name))
                if let missing = columns.subtracting(present).sorted().first {
                    throw ConnectorError(.mappingMismatch, source: source.id, table: table,
                                         message: "column \(missing) does not exist")
                }
            }
        }
    }

    /// Runs a read, translating GRDB's errors into ``ConnectorError`` and passing others through.
    private func read(table: String?, _ work: (Database) throws -> Void) throws {
        do {
            try database.read(work)
        } catch let error as DatabaseError {
            throw ConnectorError(.query, source: source.id, table: table, message: Self.reason(error))
        }
    }

    /// SQLite's own message and code, without the statement's arguments.
    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")"
        }
        return "\(type(of: error))"
    }

    static func quoted(_ name: String) -> String { RowQuery.quoted(name) }

    /// The value of the row's column `index`. GRDB's `DatabaseValue` reads text as a C string:
    /// it stops at a NUL and replaces bytes that are not UTF-8 with U+FFFD. When the text it
    /// gives may differ from the stored bytes (another length, or a U+FFFD), the bytes are read
    /// by their length: UTF-8 is carried whole, NUL included; anything else becomes bytes, which
    /// every text field refuses by name ("binary where text is expected"), never a repaired guess.
    static func sourceValue(_ row: Row, at index: Int) -> SourceValue {
        switch (row[index] as DatabaseValue).storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .real(number)
        case .string(let text):
            guard let bytes = try? row.withUnsafeData(atIndex: index, { $0.map { [UInt8]($0) } }),
                  bytes.count != text.utf8.count || text.unicodeScalars.contains("\u{FFFD}") else {
                return .text(text)
            }
            return String(validating: bytes, as: UTF8.self).map(SourceValue.text) ?? .blob(bytes)
        case .blob(let data): return .blob([UInt8](data))
        }
    }
}
