/// The value of one record field.
///
/// Decimals, countries, languages, e-mail addresses, phone numbers and codes are held as ``text`` in
/// their normal form; the field's ``FieldType`` says which they are.
public enum FieldValue: Hashable, Sendable {
    case text(String)
    case integer(Int64)
    case boolean(Bool)
    case money(Money)
    case timestamp(Timestamp)
    case date(CalendarDate)
    case reference(RecordID)
}

/// A value as a source hands it over, before it is typed and normalised.
public enum SourceValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)
    /// Bytes (an SQLite BLOB): refused wherever text or a number is expected, never dropped.
    case blob([UInt8])

    /// The value as identifier text: text as it is, a whole number in decimal; nil otherwise.
    public var identifierText: String? {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        default: nil
        }
    }
}

extension FieldType {
    /// Converts a source value to a field value of this type, normalising it.
    ///
    /// Text is trimmed of nothing: what the person wrote is kept as written. A reference is
    /// the source key of the referenced record in `referenceSource`; its id is derived from it.
    /// Returns nil for a null, an empty text, or, except for text, a value of only white space:
    /// in `porta/1` an empty value is no value (CSV cannot tell the two apart).
    /// - Throws: ``ModelError`` when the value does not fit the type; money cannot be converted
    ///   from one value (use ``Money/init(amount:currency:)``).
    /// The words a boolean is read from, in any case: what databases and spreadsheets write.
    static let trueWords: Set<String> = ["1", "true", "t", "yes", "y"]
    static let falseWords: Set<String> = ["0", "false", "f", "no", "n"]

    public func value(from raw: SourceValue, referenceSource: String) throws -> FieldValue? {
        if case .null = raw { return nil }
        if case .text("") = raw { return nil }
        if case .text(let text) = raw, text.trimmingWhitespace().isEmpty, self != .text { return nil }
        switch self {
        case .text:
            return .text(try raw.text())
        case .integer:
            return .integer(try raw.integer())
        case .decimal:
            return .text(try DecimalNumber(try raw.text()).text)
        case .boolean:
            switch raw {
            case .boolean(let flag): return .boolean(flag)
            case .integer(0): return .boolean(false)
            case .integer(1): return .boolean(true)
            case .text(let text) where Self.falseWords.contains(text.trimmingWhitespace().lowercased()): return .boolean(false)
            case .text(let text) where Self.trueWords.contains(text.trimmingWhitespace().lowercased()): return .boolean(true)
            default: throw ModelError(.invalidValue, "value is not a boolean (1/0, true/false, t/f, yes/no, y/n; other words through a value map)")
            }
        case .money:
            throw ModelError(.invalidMoney, "money needs an amount and a currency")
        case .timestamp:
            if case .integer = raw {
                throw ModelError(.invalidTimestamp,
                                 "an integer is a time only through an explicit epoch conversion (epoch: seconds or epoch: milliseconds)")
            }
            return .timestamp(try Timestamp(parsing: try raw.text()))
        case .date:
            return .date(try CalendarDate(parsing: try raw.text().trimmingWhitespace()))
        case .country:
            return .text(try CountryCode(try raw.text()).code)
        case .language:
            return .text(try LanguageTag(try raw.text()).tag)
        case .email:
            return .text(try EmailAddress(normalizing: try raw.text()).value)
        case .phone:
            return .text(try PhoneNumber(normalizing: try raw.text()).value)
        case .code(let allowed):
            let text = try raw.text()
            let token = allowed.contains(text) ? text : text.trimmingWhitespace().lowercased()
            guard allowed.contains(token) else {
                throw ModelError(.invalidValue, "value is not one of \(allowed.joined(separator: ", "))")
            }
            return .text(token)
        case .reference(let target):
            return .reference(RecordID(source: referenceSource, target: target, sourceKey: try raw.text()))
        }
    }
}

extension SourceValue {
    /// The value as text; integers are written in decimal, reals refused (they are not exact).
    func text() throws -> String {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .real: throw ModelError(.invalidValue, "value is a floating-point number where text is expected")
        case .blob: throw ModelError(.invalidValue, "value is binary where text is expected")
        case .null: throw ModelError(.invalidValue, "value is missing")
        }
    }

    func integer() throws -> Int64 {
        switch self {
        case .integer(let number): return number
        case .text(let text):
            guard let number = Int64(text.trimmingWhitespace()) else {
                throw ModelError(.invalidValue, "value is not a whole number")
            }
            return number
        case .real(let number):
            guard number.rounded() == number, let whole = Int64(exactly: number) else {
                throw ModelError(.invalidValue, "value is not a whole number")
            }
            return whole
        default:
            throw ModelError(.invalidValue, "value is not a whole number")
        }
    }
}
