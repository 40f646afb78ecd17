/// Why the policy left a record out of a bundle: a stable code and a sentence for people.
public struct ExclusionReason: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A stable code, such as `provenance-acquired-not-covered`.
    public let code: String
    /// The reason in plain English.
    public let explanation: String

    /// The record's provenance is outside what the request covers.
    public static func provenanceNotCovered(_ provenance: Provenance) -> ExclusionReason {
        ExclusionReason(code: "provenance-\(provenance.rawValue)-not-covered",
                        explanation: "data \(provenance.rawValue) rather than provided by the person is not covered by a portability request")
    }

    /// The record's legal basis is outside what the request covers.
    public static func legalBasisNotCovered(_ basis: LegalBasis) -> ExclusionReason {
        ExclusionReason(code: "legal-basis-\(basis.rawValue)-not-covered",
                        explanation: "data processed on \(basis.rawValue) (\(basis.article)) is not covered by this controller's portability policy")
    }

    public var description: String { code }

    public static func < (lhs: ExclusionReason, rhs: ExclusionReason) -> Bool { lhs.code < rhs.code }
}
