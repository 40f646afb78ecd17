/// The W3C Data Privacy Vocabulary (DPV 2) terms for what Porta states in its own words, so a
/// receiver's tools can read provenance, legal basis, data category and the right exercised
/// without knowing Porta: `dpv:` (https://w3id.org/dpv#), `pd:` (https://w3id.org/dpv/pd#) and
/// `eu-gdpr:` (https://w3id.org/dpv/legal/eu/gdpr#), as compact IRIs.
public enum DPVTerms {
    /// The prefixes the terms use, for a JSON-LD `@context`.
    public static let prefixes: [(prefix: String, iri: String)] = [
        ("dpv", "https://w3id.org/dpv#"),
        ("pd", "https://w3id.org/dpv/pd#"),
        ("eu-gdpr", "https://w3id.org/dpv/legal/eu/gdpr#"),
    ]

    /// How the data came to the controller: provided and observed data are DPV's own
    /// concepts; derived data is `dpv:DerivedPersonalData`; data acquired from someone else
    /// (a broker, a register) is collected but neither provided by nor observed of the person.
    public static func term(_ provenance: Provenance) -> String {
        switch provenance {
        case .provided: "dpv:ProvidedPersonalData"
        case .observed: "dpv:ObservedPersonalData"
        case .derived: "dpv:DerivedPersonalData"
        case .acquired: "dpv:CollectedPersonalData"
        }
    }

    /// The GDPR Art. 6(1) point, as DPV's EU GDPR extension names it.
    public static func term(_ basis: LegalBasis) -> String {
        switch basis {
        case .consent: "eu-gdpr:A6-1-a"
        case .contract: "eu-gdpr:A6-1-b"
        case .legalObligation: "eu-gdpr:A6-1-c"
        case .vitalInterest: "eu-gdpr:A6-1-d"
        case .publicTask: "eu-gdpr:A6-1-e"
        case .legitimateInterest: "eu-gdpr:A6-1-f"
        }
    }

    /// The right the request exercises: access (Art. 15) or portability (Art. 20).
    public static func term(_ purpose: Purpose) -> String {
        switch purpose {
        case .access: "eu-gdpr:A15"
        case .portability: "eu-gdpr:A20"
        }
    }

    /// DPV personal-data categories for the category names controllers commonly use. A
    /// category not listed has no DPV term, and its records carry none.
    public static let categories: [String: String] = [
        "identification": "pd:Identifying",
        "identity": "pd:Identifying",
        "contact": "pd:Contact",
        "purchase": "pd:Transactional",
        "transaction": "pd:Transactional",
        "financial": "pd:Financial",
        "preference": "pd:Preference",
        "marketing": "pd:Preference",
        "customer-service": "pd:Communication",
        "communication": "pd:Communication",
        "location": "pd:Location",
        "technical": "pd:DeviceBased",
        "device": "pd:DeviceBased",
        "behaviour": "pd:Behavioral",
        "behavior": "pd:Behavioral",
        "demographic": "pd:Demographic",
        "authentication": "pd:Authenticating",
        "opinion": "pd:KnowledgeBelief",
        "reviews": "pd:KnowledgeBelief",
        "family": "pd:Family",
        "professional": "pd:Professional",
    ]

    /// The DPV term of a category, or nil.
    public static func term(_ category: DataCategory) -> String? {
        categories[category.name]
    }
}
