/// The language of the person's page: Swedish or English, from the bundle's language tag.
public enum PageLanguage: String, Sendable {
    case swedish = "sv"
    case english = "en"

    /// Swedish for a tag whose language is `sv`, English for any other.
    public init(tag: String) {
        self = tag.lowercased().hasPrefix("sv") ? .swedish : .english
    }

    /// The phrase in this language.
    func pick(_ swedish: String, _ english: String) -> String {
        self == .swedish ? swedish : english
    }
}
