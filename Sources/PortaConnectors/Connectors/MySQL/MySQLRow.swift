import PortaBytes
import PortaModel

/// One row of a MySQL result as source values by column name, with the members of JSON columns
/// as dotted names (`settings.newsletter.topic`), and what could not be read.
struct MySQLRow {
    private var values: [String: SourceValue] = [:]
    /// The first column that could not be read, and why.
    private var problem: (column: String, reason: String)?

    /// - Parameter json: the columns whose JSON the mapping reads members of.
    init(columns: [MySQLColumn], cells: [[UInt8]?], json: Set<String> = []) {
        for (column, cell) in zip(columns, cells) {
            do {
                let value = try column.value(cell)
                values[column.name] = value
                if json.contains(column.name), case .text(let text) = value { try flatten(text, of: column.name) }
            } catch {
                values[column.name] = SourceValue.null
                if problem == nil { problem = (column.name, error.reason) }
            }
        }
    }

    /// The value of a column or of a JSON member; null when absent.
    func value(_ name: String) -> SourceValue { values[name] ?? .null }

    /// The row as a record.
    /// - Throws: ``ConnectorError`` `invalid-row` naming the row by its key and the column
    ///   that could not be read, or what the mapper throws.
    func record(_ mapper: RowMapper, mapping: RecordMapping, source: String) throws -> PulledRecord {
        if let problem {
            var error = ConnectorError(.invalidRow, source: source, table: mapping.table, key: key(of: mapping, source: source),
                                       message: "column \(problem.column): \(problem.reason)")
            error.kind = mapping.kind.name
            throw error
        }
        return try mapper.record(value)
    }

    /// The row tried for `sources check --sample`: a column that could not be read is the row's
    /// problem, named as an export would name it.
    func trial(_ mapper: RowMapper, mapping: RecordMapping, source: String) -> RowMapper.Trial {
        guard let problem else { return mapper.trial(value) }
        return RowMapper.Trial(key: key(of: mapping, source: source) ?? "?", failures: [:], record: false,
                               recordReason: "column \(problem.column): \(problem.reason)")
    }

    private func key(of mapping: RecordMapping, source: String) -> String? {
        (try? mapping.keyColumns.map { try value($0).keyText(source: source, table: mapping.table) })
            .map { mapping.keyPrefix + RecordMapping.sourceKey($0) }
    }

    private mutating func flatten(_ text: String, of column: String) throws(MySQLColumn.Problem) {
        var parser = StrictJSONParser(input: ByteInput(bytes: Array(text.utf8), name: column, format: .json))
        let document: ParsedJSON
        do { document = try parser.parseDocument() } catch { throw MySQLColumn.Problem(reason: "is not JSON") }
        guard case .object = document else { throw MySQLColumn.Problem(reason: "holds JSON \(document.typeName), not an object") }
        var members: SourceUnit.Row = [:]
        JSONUnitReader.flatten(document, prefix: column, into: &members)
        values.merge(members) { _, member in member }
    }
}
