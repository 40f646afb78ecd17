import Logging
import PortaModel

/// A connector for sources read as units (files and APIs): a unit is the subject's when one
/// of its strong identifiers is the subject's; its rows then become records by the source's
/// mappings. Each pass reads the source once, unit by unit, so memory holds one unit.
///
/// Such a source also offers the row set `subject`: one row, key `subject`, for an anchor
/// `person` record that the source's other records reference through the column
/// `subject-key` (see ``RowSets``).
public final class UnitConnector: Connector {
    public let source: SourceConfig
    public let referenceDate: CalendarDate
    private let reader: any UnitReader
    private let logger: Logger

    public init(source: SourceConfig, reader: any UnitReader, referenceDate: CalendarDate, logger: Logger) {
        self.source = source
        self.reader = reader
        self.referenceDate = referenceDate
        self.logger = logger
    }

    public func findSubject(matching identifiers: [SubjectIdentifier]) async throws -> SubjectMatch {
        let wanted = Set(identifiers.map(\.matchKey))
        guard !wanted.isEmpty else { return SubjectMatch(source: source.id, keys: [], identifiers: []) }
        var found: Set<SubjectIdentifier> = []
        var matched = 0
        try await reader.readUnits(for: identifiers) { unit in
            guard unit.identifiers.contains(where: { wanted.contains($0.matchKey) }) else { return }
            matched += 1
            if unit.widens { found.formUnion(unit.identifiers) }
        }
        logger.debug("units matched", metadata: ["source": "\(source.id)", "units": "\(matched)"])
        return SubjectMatch(source: source.id, keys: matched > 0 ? [RowSets.subjectKey] : [], identifiers: found,
                            askedFor: Set(identifiers))
    }

    public func streamRecords(of subject: SubjectMatch, problem: (ConnectorError) -> Void,
                              into body: (PulledRecord) throws -> Void) async throws {
        guard !subject.isEmpty else { return }
        let mappers = source.records.map { RowMapper(mapping: $0, source: source.id, referenceDate: referenceDate) }
        let known = subject.identifiers.union(subject.askedFor)
        let keys = Set(known.map(\.matchKey))
        let subjectRow: SourceUnit.Row = ["key": .text(RowSets.subjectKey), RowSets.subjectKeyColumn: .text(RowSets.subjectKey)]
        for mapper in mappers where mapper.mapping.table == RowSets.subject {
            try emit(mapper, subjectRow, line: nil, problem: problem, into: body)
        }
        try await reader.readUnits(for: known.sorted()) { unit in
            if let why = unit.malformed {
                let error = ConnectorError(.invalidRow, source: source.id, file: source.path, line: unit.line, message: why)
                guard source.onError == .skip else { throw error }
                problem(error)
                logger.warning("unit skipped", metadata: ["source": "\(source.id)", "line": "\(unit.line.map(String.init) ?? "?")"])
                return
            }
            guard unit.identifiers.contains(where: { keys.contains($0.matchKey) }) else { return }
            for mapper in mappers where mapper.mapping.table != RowSets.subject {
                for var row in unit.rows[mapper.mapping.table] ?? [] {
                    row[RowSets.subjectKeyColumn] = .text(RowSets.subjectKey)
                    try emit(mapper, row, line: unit.line, problem: problem, into: body)
                }
            }
        }
    }

    public func check() async throws -> String { try await reader.check() }

    /// Samples a file's first units; an API, asked only per subject, is not sampled.
    public func sample(rowsPerMapping: Int) async throws -> [MappingSample] {
        guard source.kind != .http else { return [] }
        let mappers = source.records.filter { $0.table != RowSets.subject }
            .map { RowMapper(mapping: $0, source: source.id, referenceDate: referenceDate) }
        var samples = mappers.map { MappingSample(source: source.id, mapping: $0.mapping) }
        struct Enough: Error {}
        do {
            try await reader.readUnits(for: []) { unit in
                guard unit.malformed == nil else { return }
                for (index, mapper) in mappers.enumerated() where samples[index].rows < rowsPerMapping {
                    for var row in unit.rows[mapper.mapping.table] ?? [] where samples[index].rows < rowsPerMapping {
                        guard mapper.isPresent({ row[$0] ?? .null }) else { continue }
                        row[RowSets.subjectKeyColumn] = .text(RowSets.subjectKey)
                        samples[index].add(mapper.trial { row[$0] ?? .null })
                    }
                }
                if samples.allSatisfy({ $0.rows >= rowsPerMapping }) { throw Enough() }
            }
        } catch is Enough {}
        return samples
    }

    private func emit(_ mapper: RowMapper, _ row: SourceUnit.Row, line: Int?, problem: (ConnectorError) -> Void,
                      into body: (PulledRecord) throws -> Void) throws {
        guard mapper.isPresent({ row[$0] ?? .null }) else { return }
        let record: PulledRecord
        do {
            record = try mapper.record { row[$0] ?? .null }
        } catch var error as ConnectorError {
            error.file = source.path
            error.line = line
            guard source.onError == .skip else { throw error }
            problem(error)
            logger.warning("row skipped", metadata: ["source": "\(source.id)", "line": "\(line.map(String.init) ?? "?")",
                                                     "row": "\(error.key ?? "?")"])
            return
        }
        try body(record)
    }
}
