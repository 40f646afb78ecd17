import Foundation
import PortaConnectors
import PortaModel

/// How a record's value becomes the value of a receiver's column: the export side's conversion
/// vocabulary, run backwards. A value that cannot be converted faithfully is an error naming
/// the record and column, never a guess.
public struct ReceiverConversion: Sendable {
    /// Which part of a money value the column takes.
    public enum MoneyPart: String, Sendable, CaseIterable { case amount, currency }

    public var part: MoneyPart = .amount
    /// The amount as a whole number of minor units (the currency's ISO 4217 exponent).
    public var minorUnits = false
    /// A time written as a local time in this zone, `yyyy-MM-dd HH:mm:ss`.
    public var zone: TimeZone?
    /// Record values to the receiver's own (`{ delivered: LEV }`); an unmapped value is an error.
    public var map: [String: String]?
    /// The one currency an amount column holds, when no column takes the currency: money in
    /// another is refused, never written as if it were this one.
    public var currency: String?

    /// A column's mapping: `field` or `{ field: …, minor-units | part | time-zone | map }`.
    static func read(_ node: ConfigNode) throws -> (String, ReceiverConversion) {
        var conversion = ReceiverConversion()
        guard node.isMapping else { return (try node.string(), conversion) }
        let map = try node.mapping(allowed: ["field", "part", "minor-units", "time-zone", "map", "currency"])
        let field = try map.required("field").string()
        conversion.part = try map.optional("part")?.oneOf(MoneyPart.self) ?? .amount
        conversion.minorUnits = try map.optional("minor-units")?.bool() ?? false
        if let zoneNode = map.optional("time-zone") {
            guard let zone = TimeZone(identifier: try zoneNode.string()) else { throw zoneNode.error("is not a time zone of the tz database") }
            conversion.zone = zone
        }
        if let mapNode = map.optional("map") {
            var table: [String: String] = [:]
            for (value, stored) in try mapNode.freeMapping() { table[value] = try stored.string() }
            guard !table.isEmpty else { throw mapNode.error("must map at least one value") }
            conversion.map = table
        }
        if conversion.part == .currency && conversion.minorUnits { throw node.error("a currency has no minor units") }
        if let currencyNode = map.optional("currency") {
            guard let code = try? CurrencyCode(try currencyNode.string()) else { throw currencyNode.error("is not an ISO 4217 currency code") }
            conversion.currency = code.code
        }
        return (field, conversion)
    }

    /// Why the conversion cannot take a field of `type`, or nil.
    func problem(for type: FieldType) -> String? {
        if (minorUnits || part == .currency || currency != nil) && type != .money { return "minor-units, part and currency apply to money only" }
        if zone != nil && type != .timestamp { return "time-zone applies to a time only" }
        if map != nil, case .reference = type { return "a reference becomes a row key; it is never mapped" }
        return nil
    }

    /// The column's value for `value`; `rowKey` gives the receiver's row key of a referenced record.
    /// - Throws: ``ReceiverValueError`` saying why, never with the value.
    func bound(_ value: FieldValue?, rowKey: (RecordID) throws -> String) throws -> BoundValue {
        guard let value else { return .null }
        switch value {
        case .money(let money):
            if part == .currency { return try mapped(money.currency.code) }
            if let currency, money.currency.code != currency {
                throw ReceiverValueError("the money is not in \(currency), the one currency the column holds")
            }
            guard minorUnits else { return .text(money.amount) }
            guard let exponent = money.currency.minorUnitExponent else {
                throw ReceiverValueError("the currency has no ISO 4217 minor unit, so the amount has none")
            }
            return .integer(try Self.minorUnits(money.amount, exponent: exponent))
        case .timestamp(let time):
            guard let zone else { return .text(time.description) }
            if Self.isRepeated(time, in: zone) {
                throw ReceiverValueError("the time falls in the hour the zone repeats, so its local time would name two instants")
            }
            return try mapped(Self.local(time, in: zone))
        case .reference(let id): return .text(try rowKey(id))
        case .integer(let number): return map == nil ? .integer(number) : try mapped(String(number))
        case .boolean(let flag): return map == nil ? .boolean(flag) : try mapped(flag ? "true" : "false")
        case .text(let text): return try mapped(text)
        case .date(let date): return try mapped(date.description)
        }
    }

    private func mapped(_ text: String) throws -> BoundValue {
        guard let map else { return .text(text) }
        guard let stored = map[text] else { throw ReceiverValueError("the value is not one the column's map names") }
        return .text(stored)
    }

    /// `199.90` with exponent 2 is 19990; more decimals than the exponent is an error, not a rounding.
    static func minorUnits(_ amount: String, exponent: Int) throws -> Int64 {
        let negative = amount.hasPrefix("-")
        let digits = negative ? String(amount.dropFirst()) : amount
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        let significant = fraction.reversed().drop { $0 == "0" }.count
        guard significant <= exponent else {
            throw ReceiverValueError("the amount has more decimals than the currency's minor unit holds")
        }
        let padded = fraction.prefix(exponent) + String(repeating: "0", count: max(0, exponent - fraction.count))
        guard let units = Int64(whole + padded) else { throw ReceiverValueError("the amount in minor units does not fit in 64 bits") }
        return negative ? -units : units
    }

    /// Whether the wall-clock time of `time` in `zone` is also that of another instant (the
    /// hour a zone repeats when its clocks go back).
    static func isRepeated(_ time: Timestamp, in zone: TimeZone) -> Bool {
        func offset(_ seconds: Int64) -> Int64 { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))) }
        let wall = time.seconds + offset(time.seconds)
        let nearby = Set([offset(time.seconds - 86_400), offset(time.seconds + 86_400), offset(time.seconds)])
        return nearby.contains { candidate in
            let other = wall - candidate
            return other != time.seconds && offset(other) == candidate
        }
    }

    /// The wall-clock time of `time` in `zone`, `yyyy-MM-dd HH:mm:ss` (and a fraction when it has one).
    static func local(_ time: Timestamp, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(time.seconds)))
        let shifted = Timestamp(seconds: time.seconds + Int64(offset), nanoseconds: time.nanoseconds).description
        return String(shifted.dropLast().replacingOccurrences(of: "T", with: " "))
    }
}

/// A value a column cannot take faithfully; the message never holds the value.
struct ReceiverValueError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// A value bound to a statement of the receiver's database.
public enum BoundValue: Sendable, Equatable {
    case null, integer(Int64), text(String), boolean(Bool)
}
