import PortaBytes
import PortaModel

/// The JSON Schema (draft 2020-12) of a `data/json/<kind>.json` file, made from the kind's
/// field list so the published schema and the writer cannot drift apart.
///
/// `formats/json/<kind>.schema.json` holds these documents; a test checks they equal what this
/// type makes. Each schema is self-contained (its definitions under `$defs`), so validators
/// need no network and no other file.
public enum RecordJSONSchema {
    /// The `$id` of a kind's schema.
    public static func id(for kind: RecordKind) -> String {
        kind.isExtension ? "urn:porta:1:extension:json:\(kind.name)" : "urn:porta:1:json:\(kind.name)"
    }

    /// The file name of a kind's schema in `formats/json/`.
    public static func fileName(for kind: RecordKind) -> String { "\(kind.name).schema.json" }

    /// The schema of a kind's JSON file: an array of records.
    public static func schema(for kind: RecordKind) -> JSONValue {
        let metadata = MetadataField.allCases.map { field -> (String, JSONValue, Bool) in
            (field.rawValue, schema(of: field.shape(in: kind), summary: field.summary), field.isRequired)
        }
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
            ("title", .string(kind.isExtension ? "porta/1 extension kind \(kind.name): \(kind.title)" : "porta/1 \(kind.title.lowercased()) records")),
            ("description", .string("data/json/\(kind.name).json of a porta/1 bundle: an array of \(kind.name) records (formats/porta-1.md"
                                    + (kind.isExtension ? ", \"Extension kinds\"; declared in the bundle's porta-manifest.json)." : ")."))),
            ("type", .string("array")),
            ("items", .object([("$ref", .string("#/$defs/record"))])),
            ("$defs", .object([("record", record)] + definitions)),
        ])
    }

    private static func fieldSchema(_ field: FieldDefinition) -> JSONValue {
        field.type == .money
            ? .object([("description", .string(field.summary)), ("$ref", .string("#/$defs/money"))])
            : schema(of: ValueShape(field.type), summary: field.summary)
    }

    private static func schema(of shape: ValueShape, summary: String) -> JSONValue {
        var members: [(String, JSONValue)] = [("description", .string(summary))]
        switch shape {
        case .text: members += [("type", .string("string")), ("minLength", .integer(1))]
        case .integer: members += [("type", .string("integer")), ("minimum", .integer(.min)), ("maximum", .integer(.max))]
        case .boolean: members += [("type", .string("boolean"))]
        case .timestamp: members += [("$ref", .string("#/$defs/timestamp"))]
        case .date: members += [("$ref", .string("#/$defs/date"))]
        case .enumeration(let values): members += [("type", .string("string")), ("enum", .array(values.map(JSONValue.string)))]
        case .pattern(let pattern): members += [("type", .string("string")), ("pattern", .string("^\(pattern)$"))]
        }
        return .object(members)
    }

    private static let definitions: [(String, JSONValue)] = [
        ("money", .object([
            ("type", .string("object")),
            ("additionalProperties", .boolean(false)),
            ("required", .array([.string("amount"), .string("currency")])),
            ("properties", .object([
                ("amount", .object([("type", .string("string")), ("pattern", .string("^\(ValueShape.amountPattern)$"))])),
                ("currency", .object([("type", .string("string")), ("pattern", .string("^\(ValueShape.currencyPattern)$"))])),
            ])),
        ])),
        ("timestamp", .object([
            ("type", .string("string")),
            ("format", .string("date-time")),
            ("pattern", .string("^\(ValueShape.timestampPattern)$")),
        ])),
        ("date", .object([
            ("type", .string("string")),
            ("format", .string("date")),
            ("pattern", .string("^\(ValueShape.datePattern)$")),
        ])),
    ]
}
