/// The lawful basis a record is processed on: the six of GDPR Art. 6(1).
public enum LegalBasis: String, Sendable, CaseIterable, Codable {
    /// Art. 6(1)(a): the person consented.
    case consent
    /// Art. 6(1)(b): needed for a contract with the person.
    case contract
    /// Art. 6(1)(c): needed for a legal obligation of the controller.
    case legalObligation = "legal-obligation"
    /// Art. 6(1)(d): needed to protect someone's vital interests.
    case vitalInterest = "vital-interest"
    /// Art. 6(1)(e): needed for a task in the public interest.
    case publicTask = "public-task"
    /// Art. 6(1)(f): the controller's legitimate interests.
    case legitimateInterest = "legitimate-interest"

    /// The point of Art. 6(1) this basis is, such as `"Art. 6(1)(b)"`.
    public var article: String {
        switch self {
        case .consent: "Art. 6(1)(a)"
        case .contract: "Art. 6(1)(b)"
        case .legalObligation: "Art. 6(1)(c)"
        case .vitalInterest: "Art. 6(1)(d)"
        case .publicTask: "Art. 6(1)(e)"
        case .legitimateInterest: "Art. 6(1)(f)"
        }
    }
}
