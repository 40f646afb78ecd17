/// The category of personal data a record belongs to, as the controller's privacy notice names
/// it (`identification`, `contact`, `purchase`, `opinion`, `marketing`, `technical`, …).
///
/// A lower-case token of letters, digits and hyphens, so it can be a file name, a CSV value
/// and an XML token alike.
public struct DataCategory: Hashable, Sendable, CustomStringConvertible {
    /// The token.
    public let name: String

    /// - Throws: ``ModelError`` with code `invalid-value` when the name is not such a token.
    public init(_ name: String) throws {
        guard !name.isEmpty, name.utf8.count <= 64,
              name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) else {
            throw ModelError(.invalidValue, "category must be lower-case letters, digits and hyphens")
        }
        self.name = name
    }

    public var description: String { name }
}
