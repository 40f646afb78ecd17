import PortaBytes
import PortaModel

/// Writes the records of one kind as `data/json/<kind>.json`: a JSON array with one record
/// object per line, so line N + 1 holds record N.
///
/// Each object has the metadata keys first (`id`, `source`, `sourceKey`, `provenance`,
/// `legalBasis`, `category`, `collectedAt`), then the kind's fields in catalogue order.
/// Absent optional values are left out; money is `{"amount": "0.10", "currency": "SEK"}`.
/// No insignificant whitespace varies, so the same records give the same bytes.
public struct JSONRecordWriter<Sink: ByteSink>: RecordWriter {
    /// The kind this writer takes.
    public let kind: RecordKind
    /// The sink the bytes go to.
    public private(set) var sink: Sink
    public private(set) var recordCount = 0
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024

    /// A writer of `kind` into `sink`; the opening bracket is written at once.
    public init(kind: RecordKind, sink: Sink) {
        self.kind = kind
        self.sink = sink
        buffer.reserveCapacity(flushThreshold + 4096)
        buffer.append(0x5B)
    }

    public mutating func write(_ record: CanonicalRecord) throws {
        precondition(record.kind == kind, "a \(record.kind) record given to the \(kind) writer")
        buffer.append(contentsOf: recordCount == 0 ? [0x0A] : [0x2C, 0x0A])
        Self.appendObject(record, to: &buffer)
        recordCount += 1
        if buffer.count >= flushThreshold { try flush() }
    }

    public mutating func finish() throws {
        buffer.append(contentsOf: [0x0A, 0x5D, 0x0A])
        try flush()
    }

    private mutating func flush() throws {
        try buffer.withUnsafeBytes { try sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Appends one record as a single-line JSON object.
    static func appendObject(_ record: CanonicalRecord, to buffer: inout [UInt8]) {
        buffer.append(0x7B)
        var first = true
        func key(_ name: String) {
            if !first { buffer.append(0x2C) }
            first = false
            JSONText.appendKey(name, to: &buffer)
        }
        for field in MetadataField.allCases {
            guard let text = field.text(of: record.metadata) else { continue }
            key(field.rawValue)
            JSONText.appendString(text, to: &buffer)
        }
        for (field, value) in zip(record.kind.fields, record.fieldValues) {
            guard let value else { continue }
            key(field.name)
            appendValue(value, to: &buffer)
        }
        buffer.append(0x7D)
    }

    static func appendValue(_ value: FieldValue, to buffer: inout [UInt8]) {
        switch value {
        case .text(let text): JSONText.appendString(text, to: &buffer)
        case .integer(let number): JSONText.append(String(number), to: &buffer)
        case .boolean(let flag): JSONText.append(flag ? "true" : "false", to: &buffer)
        case .timestamp(let time): JSONText.appendString(time.description, to: &buffer)
        case .date(let date): JSONText.appendString(date.description, to: &buffer)
        case .reference(let id): JSONText.appendString(id.rawValue, to: &buffer)
        case .money(let money):
            JSONText.append("{", to: &buffer)
            JSONText.appendKey("amount", to: &buffer)
            JSONText.appendString(money.amount, to: &buffer)
            JSONText.append(",", to: &buffer)
            JSONText.appendKey("currency", to: &buffer)
            JSONText.appendString(money.currency.code, to: &buffer)
            JSONText.append("}", to: &buffer)
        }
    }
}

extension RecordWriter {
    /// A JSON writer of `kind` into `sink`, so call sites read `.json(kind:sink:)`.
    public static func json<Sink: ByteSink>(kind: RecordKind, sink: Sink) -> JSONRecordWriter<Sink>
    where Self == JSONRecordWriter<Sink> {
        JSONRecordWriter(kind: kind, sink: sink)
    }
}

/// One record as the single-line JSON object `porta/1`'s JSON files hold: what a receiver's
/// store keeps of each record.
public enum RecordJSON {
    public static func object(_ record: CanonicalRecord) -> [UInt8] {
        var buffer: [UInt8] = []
        JSONRecordWriter<MemorySink>.appendObject(record, to: &buffer)
        return buffer
    }
}
