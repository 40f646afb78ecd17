import PortaBytes
import PortaModel

/// A streaming writer of the records of one kind into one file of a format.
///
/// A writer is synchronous and does no I/O of its own: it hands bytes to its ``ByteSink``.
/// Its memory stays the same however many records pass through it.
public protocol RecordWriter {
    /// Writes the next record, which must be of the writer's kind.
    mutating func write(_ record: CanonicalRecord) throws
    /// Writes what closes the file and flushes everything to the sink.
    mutating func finish() throws
    /// How many records were written.
    var recordCount: Int { get }
}
