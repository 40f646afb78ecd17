import PortaModel

/// The JSON Schema (draft 2020-12) of a `data/json/<kind>.json` file, made from the kind's
/// field list so the published schema and the writer cannot drift apart.
///
/// `formats/json/<kind>.schema.json` holds these documents; a test checks they equal what this
/// type makes. Each schema is self-contained (its definitions under `$defs`), so validators
/// need no network and no other file.
public enum RecordJSONSchema {
    /// The `$id` of a kind's schema.
    public static func id(for kind: RecordKind) -> String { "urn:porta:1:json:\(kind.name)" }

    /// The file name of a kind's schema in `formats/json/`.
    public static func fileName(for kind: RecordKind) -> String { "\(kind.name).schema.json" }

    /// The schema of a kind's JSON file: an array of records.
    public static func schema(for kind: RecordKind) -> JSONValue {
        let metadata: [(String, JSONValue, Bool)] = [
            ("id", .object([("type", .string("string")), ("pattern", .string("^\(kind.idPrefix)_[0-9a-f]{32}$"))]), true),
            ("source", .object([("type", .string("string")), ("pattern", .string("^[a-z0-9-]{1,64}$"))]), true),
            ("sourceKey", .object([("type", .string("string")), ("minLength", .integer(1))]), true),
            ("provenance", enumeration(Provenance.allCases.map(\.rawValue)), true),
            ("legalBasis", enumeration(LegalBasis.allCases.map(\.rawValue)), true),
            ("category", .object([("type", .string("string")), ("pattern", .string("^[a-z0-9-]{1,64}$"))]), true),
            ("collectedAt", ref("timestamp"), false),
        ]
        let fields = kind.fields.map { ($0.name, fieldSchema($0), $0.isRequired) }
        let all = metadata + fields
        let record = JSONValue.object([
            ("type", .string("object")),
            ("additionalProperties", .boolean(false)),
            ("required", .array(all.filter(\.2).map { .string($0.0) })),
            ("properties", .object(all.map { ($0.0, $0.1) })),
        ])
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id(for: kind))),
            ("title", .string("porta/1 \(kind.title.lowercased()) records")),
            ("description", .string("data/json/\(kind.name).json of a porta/1 bundle: an array of \(kind.name) records (formats/porta-1.md).")),
            ("type", .string("array")),
            ("items", .object([("$ref", .string("#/$defs/record"))])),
            ("$defs", .object([("record", record)] + definitions)),
        ])
    }

    private static func fieldSchema(_ field: FieldDefinition) -> JSONValue {
        let schema: JSONValue
        switch field.type {
        case .text: schema = .object([("type", .string("string"))])
        case .integer:
            schema = .object([("type", .string("integer")), ("minimum", .integer(.min)), ("maximum", .integer(.max))])
        case .boolean: schema = .object([("type", .string("boolean"))])
        case .money: schema = ref("money")
        case .timestamp: schema = ref("timestamp")
        case .date: schema = ref("date")
        case .country: schema = .object([("type", .string("string")), ("pattern", .string("^[A-Z]{2}$"))])
        case .language: schema = .object([("type", .string("string")), ("pattern", .string("^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"))])
        case .email: schema = .object([("type", .string("string")), ("pattern", .string("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"))])
        case .phone: schema = .object([("type", .string("string")), ("pattern", .string("^\\+[1-9][0-9]{7,14}$"))])
        case .code(let allowed): schema = enumeration(allowed)
        case .reference(let target):
            let prefix = RecordKind(named: target)?.idPrefix ?? target
            schema = .object([("type", .string("string")), ("pattern", .string("^\(prefix)_[0-9a-f]{32}$"))])
        }
        guard case .object(var members) = schema else { return schema }
        members.insert(("description", .string(field.summary)), at: 0)
        return .object(members)
    }

    private static func ref(_ name: String) -> JSONValue {
        .object([("$ref", .string("#/$defs/\(name)"))])
    }

    private static func enumeration(_ values: [String]) -> JSONValue {
        .object([("type", .string("string")), ("enum", .array(values.map(JSONValue.string)))])
    }

    private static let definitions: [(String, JSONValue)] = [
        ("money", .object([
            ("type", .string("object")),
            ("additionalProperties", .boolean(false)),
            ("required", .array([.string("amount"), .string("currency")])),
            ("properties", .object([
                ("amount", .object([("type", .string("string")), ("pattern", .string("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$"))])),
                ("currency", .object([("type", .string("string")), ("pattern", .string("^[A-Z]{3}$"))])),
            ])),
        ])),
        ("timestamp", .object([
            ("type", .string("string")),
            ("format", .string("date-time")),
            ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*[1-9])?Z$")),
        ])),
        ("date", .object([
            ("type", .string("string")),
            ("format", .string("date")),
            ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")),
        ])),
    ]
}
