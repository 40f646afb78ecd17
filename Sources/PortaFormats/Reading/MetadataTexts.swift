import PortaModel

/// The metadata texts a file carries for one record, one slot per ``MetadataField``: what the
/// readers hand the ``RecordAssembler``, kept in a fixed array rather than a dictionary (every
/// record of every format fills one).
public struct MetadataTexts: Sendable {
    private var texts = [String?](repeating: nil, count: MetadataField.allCases.count)

    public init() {}

    /// The text of `field`, or nil when the file carries none.
    public subscript(field: MetadataField) -> String? {
        get { texts[field.position] }
        set { texts[field.position] = newValue }
    }
}

extension MetadataField {
    /// The field's place in ``allCases``.
    var position: Int {
        switch self {
        case .id: 0
        case .source: 1
        case .sourceKey: 2
        case .provenance: 3
        case .legalBasis: 4
        case .category: 5
        case .dpvProvenance: 6
        case .dpvLegalBasis: 7
        case .dpvCategory: 8
        case .collectedAt: 9
        }
    }
}
