import PortaModel

/// What a mapping of a file or API source reads from its rows, for checks.
enum MappedColumns {
    /// The columns each row set's mappings read, by row set; `subject-key` is every row's.
    static func byRowSet(_ source: SourceConfig) -> [String: Set<String>] {
        var needed: [String: Set<String>] = [:]
        for mapping in source.records where mapping.table != RowSets.subject {
            needed[mapping.table, default: []].formUnion(RowMapper.columns(of: mapping).filter { $0 != RowSets.subjectKeyColumn })
        }
        return needed
    }

    /// The first column a mapping reads that a row set does not have.
    static func firstMissing(_ source: SourceConfig, known: [String: Set<String>]) -> (table: String, column: String)? {
        for (table, columns) in byRowSet(source).sorted(by: { $0.key < $1.key }) {
            if let missing = columns.subtracting(known[table] ?? []).sorted().first { return (table, missing) }
        }
        return nil
    }
}

extension UnitReader {
    /// Checks by reading the first units: every mapped column must appear in one of them.
    func checkBySampling(_ source: SourceConfig, units limit: Int = 200) async throws -> String {
        var seen: [String: Set<String>] = [:]
        var count = 0
        do {
            try await readUnits(for: []) { unit in
                guard count < limit else { throw SamplingDone() }
                count += 1
                for (table, rows) in unit.rows { for row in rows { seen[table, default: []].formUnion(row.keys) } }
            }
        } catch is SamplingDone {}
        if let (table, column) = MappedColumns.firstMissing(source, known: seen) {
            throw ConnectorError(.mappingMismatch, source: source.id, table: table, file: source.path,
                                 message: "no field \(column) in the first \(count) records")
        }
        return "\(counted(count, "record")) sampled, \(counted(source.records.count, "mapping"))"
    }
}

private struct SamplingDone: Error {}

extension UnitReader {
    /// Checks a reader whose row sets have fixed columns (mbox, vCard), then reads the file
    /// through once, counting its units.
    func checkFixedColumns(_ known: [String: Set<String>], unit noun: String) async throws -> String {
        if let (table, column) = MappedColumns.firstMissing(source, known: known) {
            throw ConnectorError(.mappingMismatch, source: source.id, table: table, message: "row set \(table) has no field \(column)")
        }
        var units = 0
        try await readUnits(for: []) { _ in units += 1 }
        return "\(counted(units, noun)) read, \(counted(source.records.count, "mapping"))"
    }
}
