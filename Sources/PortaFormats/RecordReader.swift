import PortaBytes
import PortaModel

/// A streaming reader of one record file of a format: one record at a time, checked strictly
/// against the kind (see ``RecordAssembler``), so memory stays flat.
public protocol RecordReader {
    /// The kind of the file's records.
    var kind: RecordKind { get }
    /// The next record, or nil at the end of the file.
    /// - Throws: ``FormatError`` naming the file, the line and the record.
    mutating func next() throws -> CanonicalRecord?
}
