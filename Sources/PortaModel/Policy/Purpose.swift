/// Why the person asked: to take their data elsewhere, or to see everything held on them.
public enum Purpose: String, Sendable, CaseIterable, Codable {
    /// GDPR Art. 20: data the person provided, in a machine-readable format.
    case portability
    /// GDPR Art. 15 (the Swedish *registerutdrag*): everything held on the person.
    case access

    /// The article of the GDPR the request is made under.
    public var article: String {
        switch self {
        case .portability: "GDPR Art. 20"
        case .access: "GDPR Art. 15"
        }
    }
}
