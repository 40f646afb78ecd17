import Foundation
import PortaModel

/// Where one field's value comes from, and how it is converted.
///
/// ```yaml
/// fields:
///   person: customer_id                                   # a column
///   channel: { value: web }                               # a fixed value
///   total: { amount: summa_ore, currency: { value: SEK }, minor-units: true }
///   placedAt: { column: lagd, time-zone: Europe/Stockholm, pattern: "yyyy-MM-dd HH:mm" }
///   country: { column: land, map: countries }
///   status: { column: status_kod, map: { 1: placed, 2: delivered } }
/// ```
public struct FieldMapping: Sendable {
    public let field: FieldDefinition
    public let source: ValueSource
    /// For a reference: the source whose record it names, when not this one
    /// (`person: { column: customer_id, source: shop }`).
    public let referenceSource: String?
    /// How the stored value becomes the field's value.
    public let conversion: ValueConversion

    /// The keys a `{ column: … }` mapping of a field of `type` may have.
    static func keys(for type: FieldType) -> [String] {
        let common = ["column", "map", "trim"]
        switch type {
        case .timestamp: return common + ["epoch", "time-zone", "on-gap", "on-overlap", "pattern", "earliest-year", "latest-year"]
        case .date: return common + ["pattern", "earliest-year", "latest-year"]
        case .decimal: return common + ["decimal-comma"]
        default: return common
        }
    }

    /// - Parameter zone: the source's `time-zone`, for times without an offset.
    init(field: FieldDefinition, node: ConfigNode, sourceKind: SourceConfig.Kind, zone: ValueConversion.Zone?) throws {
        self.field = field
        var conversion = ValueConversion()
        if case .reference = field.type, case .mapping = node.node {
            let map = try node.mapping(allowed: ["column", "source"])
            source = .column(try map.required("column").column(for: sourceKind))
            referenceSource = try map.optional("source")?.string()
        } else if field.type == .money {
            let map = try node.mapping(allowed: ["amount", "currency", "minor-units", "decimal-comma"])
            let currency = try ValueSource(plain: try map.required("currency"), sourceKind: sourceKind)
            source = .money(amount: try ValueSource(plain: try map.required("amount"), sourceKind: sourceKind), currency: currency)
            conversion.minorUnits = try map.optional("minor-units").flatMap { try Self.minorUnits($0, currency: currency) }
            conversion.decimalComma = try map.optional("decimal-comma")?.bool() ?? false
            if conversion.minorUnits != nil, conversion.decimalComma {
                throw node.error("an amount in minor units is a whole number; it has no decimal comma")
            }
            referenceSource = nil
        } else if case .mapping = node.node, try node.freeMapping().contains(where: { $0.0 == "column" }) {
            let map = try node.mapping(allowed: Self.keys(for: field.type))
            source = .column(try map.required("column").column(for: sourceKind))
            referenceSource = nil
            try Self.read(map, into: &conversion, field: field, node: node)
        } else {
            source = try ValueSource(node, for: field, sourceKind: sourceKind)
            referenceSource = nil
        }
        if field.type == .timestamp, conversion.zone == nil { conversion.zone = zone }
        if conversion.pattern?.hasTime == true, conversion.zone == nil {
            throw node.error("a time read by a pattern has no offset: give time-zone, on the field or the source")
        }
        self.conversion = conversion
    }

    /// The conversions of a `{ column: … }` mapping.
    private static func read(_ map: ConfigMapping, into conversion: inout ValueConversion, field: FieldDefinition,
                             node: ConfigNode) throws {
        conversion.trim = try map.optional("trim")?.bool() ?? false
        if let mapNode = map.optional("map") {
            if case .scalar = mapNode.node {
                guard try mapNode.string() == "countries" else { throw mapNode.error("must be a table of values, or countries") }
                conversion.map = .countries
            } else {
                var table: [String: String] = [:]
                for (stored, valueNode) in try mapNode.freeMapping() { table[stored] = try valueNode.string() }
                guard !table.isEmpty else { throw mapNode.error("must map at least one value") }
                conversion.map = .table(table)
            }
            if case .reference = field.type { throw mapNode.error("a reference is a row's key; it is never mapped") }
        }
        conversion.epoch = try map.optional("epoch")?.oneOf(EpochUnit.self)
        conversion.decimalComma = try map.optional("decimal-comma")?.bool() ?? false
        if let patternNode = map.optional("pattern") {
            let text = try patternNode.string()
            do { conversion.pattern = try TimePattern(text) } catch { throw patternNode.error(error.message) }
            if field.type == .date, conversion.pattern?.hasTime == true { throw patternNode.error("a date's pattern holds no time") }
            if conversion.epoch != nil { throw patternNode.error("an epoch time has no pattern") }
        }
        conversion.zone = try zone(in: map)
        conversion.window = YearWindow(earliestYear: try map.optional("earliest-year")?.year(),
                                       latestYear: try map.optional("latest-year")?.year())
        if let earliest = conversion.window.earliestYear, let latest = conversion.window.latestYear, earliest > latest {
            throw node.error("earliest-year is after latest-year")
        }
    }

    /// `minor-units: true` (the currency's exponent) or a number of decimal places.
    private static func minorUnits(_ node: ConfigNode, currency: ValueSource) throws -> ValueConversion.MinorUnits? {
        if let places = Int(try node.string()) {
            guard (0...18).contains(places) else { throw node.error("must be true, or a number of decimal places from 0 to 18") }
            return .exponent(places)
        }
        guard try node.bool() else { return nil }
        // A fixed currency's exponent is known now: one without is a config error, not a row error.
        if case .literal(let code) = currency {
            guard let known = try? CurrencyCode(code) else { throw node.error("the currency \(code) is not an ISO 4217 code") }
            guard known.minorUnitExponent != nil else {
                throw node.error("the currency \(code) has no ISO 4217 minor unit; give the number of decimal places")
            }
        }
        return .currencyExponent
    }

    /// `time-zone: Europe/Stockholm` in a source or field mapping, with `on-gap` and
    /// `on-overlap` beside it (which mean nothing without it); nil when there is none.
    static func zone(in map: ConfigMapping) throws -> ValueConversion.Zone? {
        guard let node = map.optional("time-zone") else {
            if let stray = map.optional("on-gap") ?? map.optional("on-overlap") { throw stray.error("applies to a time-zone given beside it") }
            return nil
        }
        let name = try node.string()
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/_+-".contains($0)) }),
              let zone = TimeZone(identifier: name), zone.identifier == name || name == "UTC" else {
            throw node.error("is not a zone of the tz database (Europe/Stockholm, UTC)")
        }
        return ValueConversion.Zone(zone: zone, gap: try map.optional("on-gap")?.oneOf(LocalDateTime.Choice.self),
                                    overlap: try map.optional("on-overlap")?.oneOf(LocalDateTime.Choice.self))
    }
}

/// A column, a fixed value, or for money an amount and a currency each of those.
public indirect enum ValueSource: Sendable {
    case column(String)
    case literal(String)
    case money(amount: ValueSource, currency: ValueSource)

    init(_ node: ConfigNode, for field: FieldDefinition, sourceKind: SourceConfig.Kind) throws {
        self = try ValueSource(plain: node, sourceKind: sourceKind)
        if case .literal = self, case .reference = field.type {
            throw node.error("a reference must come from a column")
        }
    }

    /// `column_name` or `{ value: fixed }`.
    init(plain node: ConfigNode, sourceKind: SourceConfig.Kind) throws {
        if case .scalar = node.node {
            self = .column(try node.column(for: sourceKind))
        } else {
            let map = try node.mapping(allowed: ["value"])
            self = .literal(try map.required("value").string())
        }
    }

    /// The columns this value reads.
    var columns: [String] {
        switch self {
        case .column(let name): [name]
        case .literal: []
        case .money(let amount, let currency): amount.columns + currency.columns
        }
    }
}
