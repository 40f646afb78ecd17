/// Decides, record by record, what a request covers.
///
/// `access` (Art. 15) keeps everything. `portability` (Art. 20) keeps what the person
/// provided and what is processed on consent or under a contract with them, as Art. 20(1)(a)
/// covers; a controller that keeps less (`includeConsent: false`, contract only) says so
/// explicitly. `includeObserved` also keeps data observed from the person's use of the
/// service, as the EDPB's guidelines read "provided by". Every record left out gets a reason.
///
/// ```swift
/// let policy = ExportPolicy.portability()
/// policy.decide(review.metadata) // .keep when the review was provided under consent
/// ```
public struct ExportPolicy: Hashable, Sendable {
    /// The request's purpose.
    public let purpose: Purpose
    /// The provenances kept; nil keeps all.
    public let keptProvenances: Set<Provenance>?
    /// The legal bases kept; nil keeps all.
    public let keptLegalBases: Set<LegalBasis>?

    /// The policy for an access request: everything is kept.
    public static let access = ExportPolicy(purpose: .access, keptProvenances: nil, keptLegalBases: nil)

    /// The policy for a portability request: by default what Art. 20(1)(a) covers.
    public static func portability(includeConsent: Bool = true, includeObserved: Bool = false) -> ExportPolicy {
        ExportPolicy(purpose: .portability,
                     keptProvenances: includeObserved ? [.provided, .observed] : [.provided],
                     keptLegalBases: includeConsent ? [.contract, .consent] : [.contract])
    }

    /// Keeps a record, or says why not. Provenance is judged before legal basis.
    public func decide(_ metadata: RecordMetadata) -> PolicyDecision {
        if let keptProvenances, !keptProvenances.contains(metadata.provenance) {
            return .exclude(.provenanceNotCovered(metadata.provenance))
        }
        if let keptLegalBases, !keptLegalBases.contains(metadata.legalBasis) {
            return .exclude(.legalBasisNotCovered(metadata.legalBasis))
        }
        return .keep
    }
}

/// What the policy decided for one record.
public enum PolicyDecision: Hashable, Sendable {
    case keep
    case exclude(ExclusionReason)
}
