/// A BCP 47 language tag (`sv`, `en-GB`, `sr-Latn-RS`) in its conventional case.
///
/// Checks the tag's shape (a 2–3 letter language, then subtags of 1–8 letters or digits);
/// it does not look the subtags up in the IANA registry.
public struct LanguageTag: Hashable, Sendable, CustomStringConvertible {
    /// The tag, language lower-case, script title-case, region upper-case.
    public let tag: String

    /// - Throws: ``ModelError`` with code `invalid-language`.
    public init(_ raw: String) throws {
        let subtags = raw.trimmingWhitespace().replacingUnderscores().split(separator: "-", omittingEmptySubsequences: false)
        guard let language = subtags.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ModelError(.invalidLanguage, "language is not a BCP 47 tag")
        }
        var parts = [language.lowercased()]
        for subtag in subtags.dropFirst() {
            guard (1...8).contains(subtag.count),
                  subtag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw ModelError(.invalidLanguage, "language is not a BCP 47 tag")
            }
            if subtag.count == 2, subtag.allSatisfy(\.isLetter) {
                parts.append(subtag.uppercased())
            } else if subtag.count == 4, subtag.allSatisfy(\.isLetter) {
                parts.append(subtag.prefix(1).uppercased() + subtag.dropFirst().lowercased())
            } else {
                parts.append(subtag.lowercased())
            }
        }
        tag = parts.joined(separator: "-")
    }

    public var description: String { tag }
}

private extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
