/// An e-mail address in Porta's normal form: trimmed, the domain lower-cased, the local part
/// kept as written (RFC 5321 §2.4 lets a mailbox's local part be case-sensitive).
///
/// Addresses are compared for identity by ``matchKey``, which also folds the local part:
/// real mail systems treat it case-insensitively, and a request for `Anna@example.se` must find
/// the customer stored as `anna@example.se`.
///
/// ```swift
/// let address = try EmailAddress(normalizing: "  Anna.Svensson@Example.SE ")
/// address.value // "Anna.Svensson@example.se"
/// ```
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The normalised address.
    public let value: String

    /// Normalises and validates an address.
    /// - Throws: ``ModelError`` with code `invalid-email-address` naming the rule broken.
    public init(normalizing raw: String) throws {
        let trimmed = raw.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw Self.invalid("is empty") }
        guard let at = trimmed.lastIndex(of: "@") else { throw Self.invalid("has no @") }
        let local = trimmed[..<at]
        let domain = trimmed[trimmed.index(after: at)...].lowercased()
        try Self.validateLocalPart(local)
        try Self.validateDomain(domain)
        value = "\(local)@\(domain)"
    }

    /// The form used to decide whether two addresses name the same mailbox.
    public var matchKey: String { value.lowercased() }

    public var description: String { value }

    private static let localSpecials = Set("!#$%&'*+-/=?^_`{|}~.")

    private static func validateLocalPart(_ local: Substring) throws {
        guard !local.isEmpty else { throw invalid("has an empty local part") }
        guard local.utf8.count <= 64 else { throw invalid("has a local part longer than 64 octets") }
        guard local.first != ".", local.last != ".", !local.contains("..") else {
            throw invalid("has a misplaced dot in the local part")
        }
        for character in local {
            let allowed = character.isLetter || character.isNumber || localSpecials.contains(character)
            guard allowed, !character.isWhitespace else {
                throw invalid("has a character not allowed in an unquoted local part")
            }
        }
    }

    private static func validateDomain(_ domain: String) throws {
        guard !domain.isEmpty else { throw invalid("has an empty domain") }
        guard domain.utf8.count <= 253 else { throw invalid("has a domain longer than 253 octets") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw invalid("has a domain without a dot") }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63 else {
                throw invalid("has an empty or over-long domain label")
            }
            guard label.first != "-", label.last != "-" else {
                throw invalid("has a domain label starting or ending with a hyphen")
            }
            guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw invalid("has a character not allowed in a domain")
            }
        }
    }

    private static func invalid(_ why: String) -> ModelError {
        ModelError(.invalidEmailAddress, "e-mail address \(why)")
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space and newlines.
    func trimmingWhitespace() -> String {
        let text = String(self)
        if let first = text.utf8.first, let last = text.utf8.last,
           (0x21..<0x80).contains(first), (0x21..<0x80).contains(last) {
            return text
        }
        var scalars = Substring(self)[...]
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
