import Foundation
import PortaBytes
import PortaFormats
import PortaModel
import PortaTestSupport

/// Writes records of one kind into a file of a temporary folder with a given writer, for
/// tests that hand the file to an outside validator or a reader.
enum RecordFileFixture {
    /// The bytes `makeWriter` writes for `records`.
    static func bytes<Writer: RecordWriter>(_ records: [CanonicalRecord], with writer: Writer,
                                           sink: (Writer) -> MemorySink) throws -> [UInt8] {
        var writer = writer
        for record in records { try writer.write(record) }
        try writer.finish()
        return sink(writer).bytes
    }

    static func csv(_ kind: RecordKind, _ records: [CanonicalRecord]) throws -> [UInt8] {
        try bytes(records, with: CSVRecordWriter(kind: kind, sink: MemorySink()), sink: \.sink)
    }

    static func xml(_ kind: RecordKind, _ records: [CanonicalRecord]) throws -> [UInt8] {
        try bytes(records, with: XMLRecordWriter(kind: kind, sink: MemorySink()), sink: \.sink)
    }

    static func json(_ kind: RecordKind, _ records: [CanonicalRecord]) throws -> [UInt8] {
        try bytes(records, with: JSONRecordWriter(kind: kind, sink: MemorySink()), sink: \.sink)
    }

    /// Writes `bytes` to `name` in `folder` and returns the path.
    @discardableResult
    static func save(_ bytes: [UInt8], as name: String, in folder: TemporaryFolder) throws -> String {
        let path = folder.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Two full records of every kind.
    static func fullRecords(_ kind: RecordKind) throws -> [CanonicalRecord] {
        [try ExampleRecords.full(kind, key: "1"), try ExampleRecords.full(kind, key: "2")]
    }
}
