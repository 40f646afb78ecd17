/// A strong identifier of a data subject, the only kind of thing Porta joins records on:
/// an e-mail address, a phone number, a personnummer (or samordningsnummer) or a customer
/// number. A name, an address or an IP address is never one.
///
/// Written `scheme:value` on the command line: `email:anna@example.se`,
/// `phone:070-123 45 67`, `personnummer:19850312-1234`, `customer-number:K-1001`.
public struct SubjectIdentifier: Hashable, Sendable, Comparable {
    /// The kinds of strong identifier.
    public enum Scheme: String, Sendable, CaseIterable, Comparable {
        case email
        case phone
        case personnummer
        case customerNumber = "customer-number"

        public static func < (lhs: Scheme, rhs: Scheme) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Which kind of identifier this is.
    public let scheme: Scheme
    /// The identifier in normal form (see ``EmailAddress``, ``PhoneNumber``, ``Personnummer``;
    /// customer numbers trimmed).
    public let value: String

    /// Normalises a value of a scheme.
    /// - Throws: ``ModelError`` when the value is not a valid identifier of the scheme.
    public init(scheme: Scheme, normalizing raw: String, referenceDate: CalendarDate) throws {
        self.scheme = scheme
        switch scheme {
        case .email: value = try EmailAddress(normalizing: raw).value
        case .phone: value = try PhoneNumber(normalizing: raw).value
        case .personnummer: value = try Personnummer(normalizing: raw, referenceDate: referenceDate).value
        case .customerNumber:
            let trimmed = raw.trimmingWhitespace()
            guard !trimmed.isEmpty, trimmed.count <= 128 else {
                throw ModelError(.invalidIdentifier, "customer number is empty or longer than 128 characters")
            }
            value = trimmed
        }
    }

    /// Parses `scheme:value`.
    /// - Throws: ``ModelError`` with code `invalid-identifier` for an unknown scheme, or the
    ///   scheme's own error for a bad value.
    public init(parsing text: String, referenceDate: CalendarDate) throws {
        guard let colon = text.firstIndex(of: ":"),
              let scheme = Scheme(rawValue: String(text[..<colon]).lowercased()) else {
            let names = Scheme.allCases.map(\.rawValue).joined(separator: ", ")
            throw ModelError(.invalidIdentifier, "identifier must be scheme:value with scheme one of \(names)")
        }
        try self.init(scheme: scheme, normalizing: String(text[text.index(after: colon)...]),
                      referenceDate: referenceDate)
    }

    /// The form two identifiers are compared in: e-mail addresses fold case entirely.
    public var matchKey: String {
        scheme == .email ? value.lowercased() : value
    }

    /// `scheme:value`. Personal data: for the bundle and the person, not for logs.
    public var qualifiedValue: String { "\(scheme.rawValue):\(value)" }

    public static func < (lhs: SubjectIdentifier, rhs: SubjectIdentifier) -> Bool {
        (lhs.scheme, lhs.value) < (rhs.scheme, rhs.value)
    }
}
