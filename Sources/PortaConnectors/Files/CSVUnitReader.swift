import PortaBytes
import PortaModel

/// Reads a CSV file (header row, then one unit per row) with the source's delimiter, encoding
/// and quoting; an empty cell is no value.
struct CSVUnitReader: UnitReader {
    let source: SourceConfig
    let settings: CSVSettings
    let referenceDate: CalendarDate

    func readUnits(for subject: [SubjectIdentifier], _ body: (SourceUnit) throws -> Void) async throws {
        var parser = CSVParser(input: try FileSource.open(source, format: .csv), delimiter: settings.delimiter,
                               allowsByteOrderMark: settings.encoding == .utf8, strictQuotes: settings.strictQuotes,
                               encoding: settings.encoding)
        do {
            guard let header = try parser.nextRow() else { return }
            if let duplicate = Dictionary(grouping: header.cells, by: { $0 }).first(where: { $0.value.count > 1 }) {
                throw ConnectorError(.mappingMismatch, source: source.id, file: source.path, line: 1,
                                     message: "the header names column \(duplicate.key.count <= 64 ? duplicate.key : "?") twice")
            }
            while let row = try parser.nextRow() {
                guard row.cells.count == header.cells.count else {
                    try body(.malformed(line: row.line, "the row has \(row.cells.count) cells, the header \(header.cells.count)"))
                    continue
                }
                var values: SourceUnit.Row = [:]
                for (name, cell) in zip(header.cells, row.cells) { values[name] = cell.isEmpty ? .null : .text(cell) }
                try body(SourceUnit(identifiers: rowIdentifiers(values, lookup: source.subjects, referenceDate: referenceDate),
                                    rows: ["rows": [values]], line: row.line))
            }
        } catch let error as FormatError {
            throw FileSource.unreadable(source, error)
        }
    }
}

/// Opening a file source and naming its problems.
enum FileSource {
    static func open(_ source: SourceConfig, format: FormatError.Format) throws -> ByteInput {
        do {
            return try ByteInput(path: source.location, name: source.path ?? source.location, format: format)
        } catch {
            throw ConnectorError(.unavailable, source: source.id, file: source.path, message: "cannot open the file")
        }
    }

    /// A parse error that stops reading the file, as a connector error naming file and line.
    static func unreadable(_ source: SourceConfig, _ error: FormatError) -> ConnectorError {
        ConnectorError(.invalidRow, source: source.id, file: source.path, line: error.line, message: error.message)
    }
}
