import PortaModel

/// A record of every kind with every field set to an awkward but valid value, for tests that
/// must cover the whole catalogue, not only what the sample shop holds.
public enum ExampleRecords {
    /// One full record of `kind` with source key `key`.
    public static func full(_ kind: RecordKind, key: String = "1") throws -> CanonicalRecord {
        var values: [String: FieldValue] = [:]
        for field in kind.fields {
            values[field.name] = try example(for: field)
        }
        let metadata = RecordMetadata(kind: kind, source: "shop", sourceKey: key, provenance: .provided, legalBasis: .contract,
                                      category: try DataCategory("example"), collectedAt: Timestamp(seconds: 1_700_000_000, nanoseconds: 120_000_000))
        return try CanonicalRecord(kind: kind, metadata: metadata, values: values)
    }

    private static func example(for field: FieldDefinition) throws -> FieldValue {
        switch field.type {
        case .text:
            if field.name == "value" { return .text("198503121231") }
            return .text("\"Quoted\", comma; line\r\nbreak, emoji 🌧️, e\u{301}, tab\t, \u{01}")
        case .integer: return .integer(-9_223_372_036_854_775_807)
        case .decimal: return .text("-1234567890.0050")
        case .boolean: return .boolean(false)
        case .money: return .money(try Money(amount: "0.10", currency: "SEK"))
        case .timestamp: return .timestamp(try Timestamp(parsing: "2024-02-29T23:59:59.5+01:00"))
        case .date: return .date(try CalendarDate(parsing: "2024-02-29"))
        case .country: return .text("SE")
        case .language: return .text("sv-SE")
        case .email: return .text("Anna.S+test@example.se")
        case .phone: return .text("+46701234567")
        case .code(let allowed): return .text(field.name == "scheme" ? "personnummer" : allowed[0])
        case .reference(let target): return .reference(RecordID(source: "shop", target: target, sourceKey: "1"))
        }
    }
}
