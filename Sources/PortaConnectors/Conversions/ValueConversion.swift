import Foundation
import PortaModel

/// How a field's stored value becomes its porta/1 value, beyond reading it as the field's type:
/// each conversion named in the mapping, checked when the config is read, applied to every row
/// the same way (so the same source gives the same bundle, byte for byte).
///
/// A value a conversion cannot take (an unmapped code, a local time in a daylight-saving gap, a
/// minor-unit amount that is not a whole number) is a broken row naming the field, never the
/// value: nothing is guessed.
public struct ValueConversion: Sendable {
    /// A table from stored values to porta/1 values (`{ Sverige: SE, Norge: NO }`), or the
    /// built-in map of country names.
    public enum ValueMap: Sendable {
        case table([String: String])
        case countries
    }

    /// Where a minor-unit amount's decimal places come from.
    public enum MinorUnits: Sendable, Equatable {
        /// The currency's ISO 4217 exponent (SEK 2, JPY 0, BHD 3).
        case currencyExponent
        /// A fixed number of decimal places.
        case exponent(Int)
    }

    /// The zone local times are in, and what a time that does not occur, or occurs twice, is.
    public struct Zone: Sendable {
        public let zone: TimeZone
        public let gap: LocalDateTime.Choice?
        public let overlap: LocalDateTime.Choice?
    }

    /// Trim white space around text values; an empty result is absent.
    public var trim = false
    /// Map stored values to porta/1 values before they are read as the field's type.
    public var map: ValueMap?
    /// An integer time counted in this unit since 1970.
    public var epoch: EpochUnit?
    /// The zone of times written without an offset (from the field, else the source).
    public var zone: Zone?
    /// The pattern dates or times are written in, when not RFC 3339.
    public var pattern: TimePattern?
    /// The years a time or date may fall in.
    public var window = YearWindow()
    /// A money amount stored as a whole number of minor units.
    public var minorUnits: MinorUnits?
    /// A money amount written with a decimal comma (`199,90`).
    public var decimalComma = false

    public init() {}

    /// The stored value after trimming and mapping.
    /// - Throws: ``ModelError`` `invalid-value` for a value the map does not hold.
    func prepared(_ raw: SourceValue) throws -> SourceValue {
        var value = raw
        if trim, case .text(let text) = value {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            value = trimmed.isEmpty ? .null : .text(trimmed)
        }
        guard let map else { return value }
        let text: String
        switch value {
        case .null: return .null
        case .text(let stored) where stored.trimmingCharacters(in: .whitespaces).isEmpty: return .null
        case .text(let stored): text = stored
        case .integer(let number): text = String(number)
        case .boolean(let flag): text = flag ? "true" : "false"
        case .real, .blob: throw ModelError(.invalidValue, "value cannot be looked up in the value map")
        }
        switch map {
        case .table(let table):
            guard let mapped = table[text] ?? table[text.trimmingCharacters(in: .whitespaces)] else {
                throw ModelError(.invalidValue, "value is not in the mapping's value map")
            }
            return .text(mapped)
        case .countries:
            guard let code = CountryNames.code(for: text) else {
                throw ModelError(.invalidCountry, "value is not a country name (English or Swedish) or ISO 3166-1 code")
            }
            return .text(code)
        }
    }

    /// A time: by epoch, by pattern in the zone, or RFC 3339, whose offset-less form needs the zone.
    /// - Throws: ``ModelError`` `invalid-timestamp`.
    func timestamp(_ raw: SourceValue) throws -> FieldValue? {
        if let epoch { return try raw.epochTime(epoch) }
        if case .integer = raw {
            throw ModelError(.invalidTimestamp,
                             "an integer is a time only through an explicit epoch conversion (epoch: seconds or epoch: milliseconds)")
        }
        guard let text = try Self.text(raw) else { return nil }
        let local: LocalDateTime
        if let pattern {
            local = try pattern.read(text)
        } else {
            switch try Timestamp.reading(text) {
            case .instant(let time): return .timestamp(time)
            case .local(let time): local = time
            }
        }
        guard let zone else {
            throw ModelError(.invalidTimestamp, "the time has no offset and the mapping names no zone: give time-zone "
                             + "(on the source or the field; UTC when the source stores UTC)")
        }
        return .timestamp(try local.instant(in: zone.zone, gap: zone.gap, overlap: zone.overlap))
    }

    /// A date: by pattern, or `YYYY-MM-DD`.
    /// - Throws: ``ModelError`` `invalid-date`.
    func date(_ raw: SourceValue) throws -> FieldValue? {
        guard let text = try Self.text(raw) else { return nil }
        if let pattern { return .date(try pattern.read(text).date) }
        return .date(try CalendarDate(parsing: text.trimmingCharacters(in: .whitespaces)))
    }

    /// A decimal number, with a decimal comma when asked; a float is refused (it is not exact).
    /// - Throws: ``ModelError`` `invalid-value`.
    func decimal(_ raw: SourceValue) throws -> FieldValue? {
        guard decimalComma, case .text(let text) = raw else { return try FieldType.decimal.value(from: raw, referenceSource: "") }
        guard !text.contains(".") else { throw ModelError(.invalidValue, "value has both a decimal comma and a point") }
        return try FieldType.decimal.value(from: .text(text.replacingOccurrences(of: ",", with: ".")), referenceSource: "")
    }

    /// Money from an amount and a currency, in minor units or with a decimal comma when asked.
    /// - Throws: ``ModelError`` `invalid-money` or `invalid-currency`.
    func money(amount: SourceValue, currency: SourceValue) throws -> FieldValue? {
        if case .null = amount { return nil }
        let currencyText = try currency.moneyText()
        guard let minorUnits else {
            var text = try amount.moneyText()
            if decimalComma {
                guard !text.contains(".") else { throw ModelError(.invalidMoney, "amount has both a decimal comma and a point") }
                text = text.replacingOccurrences(of: ",", with: ".")
            }
            return .money(try Money(amount: text, currency: currencyText))
        }
        let units: Int64
        switch amount {
        case .integer(let number): units = number
        case .text(let text):
            guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                throw ModelError(.invalidMoney, "a minor-unit amount must be a whole number that fits in 64 bits")
            }
            units = number
        case .real: throw ModelError(.invalidMoney, "amount is stored as a floating-point number, which is not exact")
        default: throw ModelError(.invalidMoney, "a minor-unit amount must be a whole number")
        }
        let exponent: Int
        switch minorUnits {
        case .exponent(let fixed): exponent = fixed
        case .currencyExponent:
            guard let known = try CurrencyCode(currencyText).minorUnitExponent else {
                throw ModelError(.invalidCurrency, "the currency has no ISO 4217 minor unit; give minor-units as a number")
            }
            exponent = known
        }
        return .money(try Money(minorUnits: units, exponent: exponent, currency: currencyText))
    }

    /// A text value, or nil when absent or blank.
    private static func text(_ raw: SourceValue) throws -> String? {
        switch raw {
        case .null: return nil
        // Blank: every scalar white space (stops at the first that is not, without a copy).
        case .text(let text) where text.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains): return nil
        case .text(let text): return text
        case .real: throw ModelError(.invalidTimestamp, "value is a floating-point number where a time is expected")
        case .blob: throw ModelError(.invalidTimestamp, "value is binary where a time is expected")
        case .integer(let number): return String(number)
        case .boolean: throw ModelError(.invalidTimestamp, "value is a boolean where a time is expected")
        }
    }
}
