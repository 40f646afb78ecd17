import PortaModel

/// The content of a file the person gave, as a source holds it: bytes from a BLOB column, or
/// a file on disk that a column names.
public enum AttachmentContent: Hashable, Sendable {
    /// The file's bytes.
    case bytes([UInt8])
    /// A regular file, already checked to lie inside the folder the config allows.
    case file(path: String)
}
