import PortaModel

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
