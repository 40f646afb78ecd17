/// One subject row of one source, `SOURCE:KEY` (`shop:17`): what a person names to leave a
/// row out of a subject after an identity conflict. A key is a row key, never a person's data.
public struct SourceKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let source: String
    public let key: String

    public init(source: String, key: String) {
        self.source = source
        self.key = key
    }

    /// Reads `SOURCE:KEY`.
    /// - Throws: ``Problem`` when there is no source or no key.
    public init(parsing text: String) throws {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else {
            throw Problem(description: "a source key is SOURCE:KEY, such as shop:17")
        }
        self.init(source: String(text[..<colon]), key: String(text[text.index(after: colon)...]))
    }

    /// Why a text is not a source key.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    public var description: String { "\(source):\(key)" }

    public static func < (lhs: SourceKey, rhs: SourceKey) -> Bool { (lhs.source, lhs.key) < (rhs.source, rhs.key) }
}
