import PortaModel

/// The content of a file the person gave, as a source holds it: bytes from a BLOB column, or
/// a file on disk that a column names.
public enum AttachmentContent: Hashable, Sendable {
    /// The file's bytes.
    case bytes([UInt8])
    /// A regular file, already checked to lie inside the folder the config allows.
    case file(path: String)
}

/// A record as a connector hands it over: the canonical record and, for an attachment whose
/// mapping names its file, the file's content.
public struct PulledRecord: Sendable {
    public let record: CanonicalRecord
    public let attachment: AttachmentContent?

    public init(_ record: CanonicalRecord, attachment: AttachmentContent? = nil) {
        self.record = record
        self.attachment = attachment
    }
}
