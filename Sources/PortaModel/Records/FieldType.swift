/// The type of a record field, which fixes how each format writes it and how a reader checks it.
///
/// The set is part of the format `porta/1` (`decimal` came with extension kinds, which are the
/// first to use it): a type beyond these is a new format version.
public enum FieldType: Hashable, Sendable {
    /// Any Unicode text.
    case text
    /// A whole number, 64-bit signed.
    case integer
    /// An exact decimal number (``DecimalNumber``), written as text so no reader rounds it.
    case decimal
    /// true or false.
    case boolean
    /// A ``Money`` value: decimal amount and ISO 4217 currency.
    case money
    /// An instant, RFC 3339 in UTC (``Timestamp``).
    case timestamp
    /// A calendar day, `YYYY-MM-DD` (``CalendarDate``).
    case date
    /// An ISO 3166-1 alpha-2 country code (``CountryCode``).
    case country
    /// A BCP 47 language tag (``LanguageTag``).
    case language
    /// An e-mail address in normal form (``EmailAddress``).
    case email
    /// A phone number in E.164 form (``PhoneNumber``).
    case phone
    /// One of a fixed set of lower-case tokens.
    case code([String])
    /// The id of another record, of the kind this names.
    case reference(ReferenceTarget)

    /// A reference to a record of `kind`.
    public static func reference(to kind: RecordKind) -> FieldType {
        .reference(ReferenceTarget(kind: kind.name, idPrefix: kind.idPrefix))
    }

    /// The name of the type as `formats/porta-1.md` lists it.
    public var name: String {
        switch self {
        case .text: "text"
        case .integer: "integer"
        case .decimal: "decimal"
        case .boolean: "boolean"
        case .money: "money"
        case .timestamp: "timestamp"
        case .date: "date"
        case .country: "country"
        case .language: "language"
        case .email: "email"
        case .phone: "phone"
        case .code: "code"
        case .reference: "reference"
        }
    }
}

/// One field of a record kind: its name, type, whether every record must have it, and what it
/// means.
public struct FieldDefinition: Hashable, Sendable {
    /// The field's name in every format (camelCase).
    public let name: String
    /// The field's type.
    public let type: FieldType
    /// Whether every record of the kind has a value for it.
    public let isRequired: Bool
    /// What the field holds, in one sentence, for the published formats.
    public let summary: String

    public init(_ name: String, _ type: FieldType, required: Bool = false, _ summary: String) {
        self.name = name
        self.type = type
        self.isRequired = required
        self.summary = summary
    }
}

/// The kind a reference field points to: its name and the prefix of its ids, so a reference is
/// checked without looking the kind up.
public struct ReferenceTarget: Hashable, Sendable {
    /// The kind's name (`postal-address`).
    public let kind: String
    /// The prefix of its record ids (`adr`).
    public let idPrefix: String

    public init(kind: String, idPrefix: String) {
        self.kind = kind
        self.idPrefix = idPrefix
    }
}
