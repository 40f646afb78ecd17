import PortaModel

/// The lexical shape of a value as text, written once and turned into a JSON Schema, a
/// Frictionless Table Schema and an XSD type, so the three published formats agree.
///
/// Patterns use the common subset of ECMAScript, Python and XSD regular expressions and are
/// unanchored (XSD anchors implicitly; the JSON forms add `^…$`).
public enum ValueShape: Hashable, Sendable {
    /// Any non-empty text.
    case text
    /// A 64-bit signed whole number.
    case integer
    /// `true` or `false`.
    case boolean
    /// An RFC 3339 instant in UTC.
    case timestamp
    /// A `YYYY-MM-DD` day.
    case date
    /// One of these tokens.
    case enumeration([String])
    /// Text matching this pattern.
    case pattern(String)

    /// The shape of a (non-money) field type; money is two values, see ``amountPattern``.
    public init(_ type: FieldType) {
        switch type {
        case .text, .money: self = .text
        case .integer: self = .integer
        case .decimal: self = .pattern(Self.amountPattern)
        case .boolean: self = .boolean
        case .timestamp: self = .timestamp
        case .date: self = .date
        case .country: self = .pattern("[A-Z]{2}")
        case .language: self = .pattern("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")
        case .email: self = .pattern("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+")
        case .phone: self = .pattern("\\+[1-9][0-9]{7,14}")
        case .code(let allowed): self = .enumeration(allowed)
        case .reference(let target):
            self = .pattern(Self.recordIDPattern(prefix: target.idPrefix))
        }
    }

    /// A record id with this prefix pattern.
    public static func recordIDPattern(prefix: String) -> String { "\(prefix)_[0-9a-f]{32}" }

    /// A money amount or a decimal: a plain decimal, no exponent, no leading zeros, no `+`.
    public static let amountPattern = "-?(0|[1-9][0-9]*)(\\.[0-9]+)?"
    /// A currency: ISO 4217 alphabetic code.
    public static let currencyPattern = "[A-Z]{3}"
    /// A timestamp as Porta writes it: UTC, `Z`, a fraction only when not zero.
    public static let timestampPattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*[1-9])?Z"
    /// A day.
    public static let datePattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
}

extension FieldValue {
    /// The value as the text formats (CSV, XML, the page) write it: integers in decimal,
    /// booleans `true`/`false`, times RFC 3339, references their id. Money is written as two
    /// values; here it is `amount currency`.
    public var lexicalForm: String {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .timestamp(let time): time.description
        case .date(let date): date.description
        case .reference(let id): id.rawValue
        case .money(let money): money.description
        }
    }
}
