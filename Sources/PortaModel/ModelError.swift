/// An error raised while building or normalising canonical data.
///
/// Messages say what is wrong with a value and which field it was in, never the value
/// itself: a personnummer, phone number or e-mail address is personal data and must not
/// reach a log or a terminal.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem this is. New codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case invalidEmailAddress = "invalid-email-address"
            case invalidPhoneNumber = "invalid-phone-number"
            case invalidPersonnummer = "invalid-personnummer"
            case invalidMoney = "invalid-money"
            case invalidCurrency = "invalid-currency"
            case invalidCountry = "invalid-country"
            case invalidLanguage = "invalid-language"
            case invalidTimestamp = "invalid-timestamp"
            case invalidDate = "invalid-date"
            case invalidIdentifier = "invalid-identifier"
            case invalidRecord = "invalid-record"
            case invalidValue = "invalid-value"
            case invalidKindDeclaration = "invalid-kind-declaration"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        public static let invalidEmailAddress = Code(.invalidEmailAddress)
        public static let invalidPhoneNumber = Code(.invalidPhoneNumber)
        public static let invalidPersonnummer = Code(.invalidPersonnummer)
        public static let invalidMoney = Code(.invalidMoney)
        public static let invalidCurrency = Code(.invalidCurrency)
        public static let invalidCountry = Code(.invalidCountry)
        public static let invalidLanguage = Code(.invalidLanguage)
        public static let invalidTimestamp = Code(.invalidTimestamp)
        public static let invalidDate = Code(.invalidDate)
        public static let invalidIdentifier = Code(.invalidIdentifier)
        public static let invalidRecord = Code(.invalidRecord)
        public static let invalidValue = Code(.invalidValue)
        public static let invalidKindDeclaration = Code(.invalidKindDeclaration)

        public var description: String { value.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// What is wrong, in words, without the offending value.
    public let message: String
    /// The record field the value belongs to, when known.
    public var field: String?

    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The same error, attributed to a record field.
    public func inField(_ name: String) -> ModelError {
        var copy = self
        copy.field = copy.field.map { "\(name).\($0)" } ?? name
        return copy
    }

    public var description: String {
        if let field { return "\(field): \(message) [\(code)]" }
        return "\(message) [\(code)]"
    }
}
