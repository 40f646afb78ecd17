import PortaModel

/// The common metadata every record carries, as the formats write it: the same names, in the
/// same order, before the kind's own fields, in JSON keys, CSV columns and XML elements.
public enum MetadataField: String, CaseIterable, Sendable {
    case id, source, sourceKey, provenance, legalBasis, category, dpvProvenance, dpvLegalBasis, dpvCategory, collectedAt

    /// Whether every record has it (`collectedAt` and `dpvCategory` may be absent).
    public var isRequired: Bool { self != .collectedAt && self != .dpvCategory }

    /// Whether it restates another field in the W3C DPV vocabulary (``DPVTerms``): derived,
    /// never chosen, and a reader checks it against the field it restates.
    public var isDPVTerm: Bool { self == .dpvProvenance || self == .dpvLegalBasis || self == .dpvCategory }

    /// What it holds, for the published schemas.
    public var summary: String {
        switch self {
        case .id: "The record's stable id: kind prefix, underscore, 32 hex digits."
        case .source: "The id of the source the record came from, in the controller's config."
        case .sourceKey: "The record's key in its source."
        case .provenance: "How the controller came to hold the data."
        case .legalBasis: "The lawful basis of processing, GDPR Art. 6(1)."
        case .category: "The data category in the controller's privacy notice."
        case .dpvProvenance: "The provenance as a W3C DPV term (dpv:ProvidedPersonalData, …)."
        case .dpvLegalBasis: "The legal basis as a W3C DPV term (eu-gdpr:A6-1-b for contract, …)."
        case .dpvCategory: "The category as a W3C DPV personal-data term (pd:Contact, …), when it has one."
        case .collectedAt: "When the controller collected the data."
        }
    }

    /// The shape of its text in a record of `kind`, shared by every schema.
    public func shape(in kind: RecordKind) -> ValueShape {
        switch self {
        case .id: .pattern(ValueShape.recordIDPattern(prefix: kind.idPrefix))
        case .source, .category: .pattern("[a-z0-9-]{1,64}")
        case .sourceKey: .text
        case .provenance: .enumeration(Provenance.allCases.map(\.rawValue))
        case .legalBasis: .enumeration(LegalBasis.allCases.map(\.rawValue))
        case .dpvProvenance: .enumeration(Provenance.allCases.map(DPVTerms.term))
        case .dpvLegalBasis: .enumeration(LegalBasis.allCases.map(DPVTerms.term))
        case .dpvCategory: .enumeration(Array(Set(DPVTerms.categories.values)).sorted())
        case .collectedAt: .timestamp
        }
    }

    /// The value of this field of a record, as text; nil only for an absent `collectedAt`.
    public func text(of metadata: RecordMetadata) -> String? {
        switch self {
        case .id: metadata.id.rawValue
        case .source: metadata.source
        case .sourceKey: metadata.sourceKey
        case .provenance: metadata.provenance.rawValue
        case .legalBasis: metadata.legalBasis.rawValue
        case .category: metadata.category.name
        case .dpvProvenance: DPVTerms.term(metadata.provenance)
        case .dpvLegalBasis: DPVTerms.term(metadata.legalBasis)
        case .dpvCategory: DPVTerms.term(metadata.category)
        case .collectedAt: metadata.collectedAt?.description
        }
    }
}
