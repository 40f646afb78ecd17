import PortaBytes
import PortaModel

/// Reads `data/csv/<kind>.csv` against its table (``FlatColumn``): the header row must name
/// the kind's columns in order, every row has one cell per column, an empty cell is an absent
/// value, and each value must be in the form Porta writes (see ``RecordAssembler``).
public struct CSVRecordReader: RecordReader {
    public let kind: RecordKind
    private var parser: CSVParser
    private let assembler: RecordAssembler
    /// What each column holds, reduced from its ``FlatColumn`` (which is costly to copy per cell).
    private let columns: [FlatCell]
    private var index = 0

    /// A reader of the file at `path`; `name` is what errors call it (its path in the bundle).
    public init(path: String, name: String, kind: RecordKind) throws {
        try self.init(input: ByteInput(path: path, name: name, format: .csv), kind: kind)
    }

    /// A reader of an input.
    /// - Throws: ``FormatError`` when the header row is not the kind's.
    public init(input: ByteInput, kind: RecordKind) throws {
        self.kind = kind
        self.parser = CSVParser(input: input)
        self.assembler = RecordAssembler(kind: kind, format: .csv)
        let columns = FlatColumn.columns(of: kind)
        self.columns = columns.map(FlatCell.init)
        guard let header = try parser.nextRow() else {
            throw FormatError(.csv, "the file is empty; it needs at least the header row", file: input.name, line: 1)
        }
        guard header.cells == columns.map(\.name) else {
            throw FormatError(.csv, "the header row is not the columns of \(kind.name): \(columns.map(\.name).joined(separator: ","))",
                              file: input.name, line: header.line)
        }
    }

    public mutating func next() throws -> CanonicalRecord? {
        var line: Int?
        do {
            guard let row = try parser.nextRow() else { return nil }
            line = row.line
            guard row.cells.count == columns.count else {
                throw FormatError(.csv, "the row has \(row.cells.count) cells, the header \(columns.count)")
            }
            let built = try record(from: row.cells)
            index += 1
            return built
        } catch var error as FormatError {
            error.file = parser.name
            error.line = error.line ?? line
            error.record = index
            throw error
        }
    }

    private func record(from cells: [String]) throws -> CanonicalRecord {
        var metadata = MetadataTexts()
        var fields = CarriedFields(kind: kind)
        var money: [(position: Int, amount: String?, currency: String?)] = []
        func note(_ position: Int, amount: String? = nil, currency: String? = nil) {
            if let index = money.firstIndex(where: { $0.position == position }) {
                if let amount { money[index].amount = amount }
                if let currency { money[index].currency = currency }
            } else {
                money.append((position, amount, currency))
            }
        }
        for (column, cell) in zip(columns, cells) where !cell.isEmpty {
            switch column {
            case .metadata(let field): metadata[field] = cell
            case .field(let position): fields[position] = .text(cell)
            case .amount(of: let position): note(position, amount: cell)
            case .currency(of: let position): note(position, currency: cell)
            }
        }
        for part in money {
            guard let amount = part.amount, let currency = part.currency else {
                let name = kind.fields[part.position].name
                throw FormatError(.csv, "\(name): money needs both \(name).amount and \(name).currency")
            }
            fields[part.position] = .money(amount: amount, currency: currency)
        }
        return try assembler.record(metadata: metadata, fields: fields)
    }
}
