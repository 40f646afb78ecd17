import PortaBytes
import PortaModel

/// Writes the records of one kind as `data/csv/<kind>.csv`: RFC 4180, UTF-8 without a BOM,
/// CRLF after every row, a header row of ``FlatColumn`` names.
///
/// A cell is quoted only when it holds `"`, `,`, CR or LF (a `"` inside is doubled), so the same
/// records give the same bytes. An absent value is an empty cell; `porta/1` has no empty text,
/// so an empty cell is never a value.
public struct CSVRecordWriter<Sink: ByteSink>: RecordWriter {
    /// The kind this writer takes.
    public let kind: RecordKind
    /// The sink the bytes go to.
    public private(set) var sink: Sink
    public private(set) var recordCount = 0
    private let cells: [FlatCell]
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024

    /// A writer of `kind` into `sink`; the header row is written at once.
    public init(kind: RecordKind, sink: Sink) {
        self.kind = kind
        self.sink = sink
        let columns = FlatColumn.columns(of: kind)
        self.cells = columns.map(FlatCell.init)
        buffer.reserveCapacity(flushThreshold + 4096)
        CSVText.appendRow(columns.map(\.name), to: &buffer)
    }

    public mutating func write(_ record: CanonicalRecord) throws {
        precondition(record.kind == kind, "a \(record.kind) record given to the \(kind) writer")
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(0x2C) }
            if let text = cell.text(of: record) { CSVText.appendCell(text, to: &buffer) }
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
        recordCount += 1
        if buffer.count >= flushThreshold { try flush() }
    }

    public mutating func finish() throws {
        try flush()
    }

    private mutating func flush() throws {
        try buffer.withUnsafeBytes { try sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

extension RecordWriter {
    /// A CSV writer of `kind` into `sink`, so call sites read `.csv(kind:sink:)`.
    public static func csv<Sink: ByteSink>(kind: RecordKind, sink: Sink) -> CSVRecordWriter<Sink>
    where Self == CSVRecordWriter<Sink> {
        CSVRecordWriter(kind: kind, sink: sink)
    }
}
