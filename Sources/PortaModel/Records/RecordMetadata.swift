/// What every canonical record carries besides its own fields: where it came from, how the
/// controller got it and on which legal basis it is processed.
public struct RecordMetadata: Hashable, Sendable {
    /// The record's stable id, derived from ``source``, the kind and ``sourceKey``.
    public let id: RecordID
    /// The id of the source (connector) in the controller's config.
    public let source: String
    /// The record's key in its source (a primary key, a line number, a message id).
    public let sourceKey: String
    /// How the controller came to hold the record.
    public let provenance: Provenance
    /// The lawful basis of processing, GDPR Art. 6(1).
    public let legalBasis: LegalBasis
    /// The data category from the controller's privacy notice.
    public let category: DataCategory
    /// When the controller collected the data, when the source knows it.
    public let collectedAt: Timestamp?

    /// Metadata for a record of `kind`; the id is derived from the source and key.
    public init(kind: RecordKind, source: String, sourceKey: String, provenance: Provenance,
                legalBasis: LegalBasis, category: DataCategory, collectedAt: Timestamp?) {
        self.id = RecordID(source: source, kind: kind, sourceKey: sourceKey)
        self.source = source
        self.sourceKey = sourceKey
        self.provenance = provenance
        self.legalBasis = legalBasis
        self.category = category
        self.collectedAt = collectedAt
    }
}
