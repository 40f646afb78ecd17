import PortaBytes
import PortaModel

/// The Frictionless Table Schema of a `data/csv/<kind>.csv` file and the Data Package
/// descriptor `data/csv/datapackage.json` that lists a bundle's CSV files with their schemas.
///
/// Made from the kind's ``FlatColumn``s, so the published schemas (`formats/csv/`) and the
/// writer cannot drift apart; a test keeps the published files equal to these.
public enum CSVTableSchema {
    /// The file name of a kind's table schema in `formats/csv/`.
    public static func fileName(for kind: RecordKind) -> String { "\(kind.name).table-schema.json" }

    /// The name of a kind's CSV file.
    public static func csvFileName(for kind: RecordKind) -> String { "\(kind.name).csv" }

    /// The table schema of a kind. Foreign keys are given for the referenced kinds in
    /// `presentKinds` (all kinds by default): a descriptor may only name tables it has.
    public static func schema(for kind: RecordKind, presentKinds: Set<RecordKind>? = nil) -> JSONValue {
        let columns = FlatColumn.columns(of: kind)
        let foreignKeys: [JSONValue] = kind.fields.compactMap { field in
            guard case .reference(let target) = field.type,
                  presentKinds?.contains(where: { $0.name == target.kind }) ?? true else { return nil }
            return .object([
                ("fields", .array([.string(field.name)])),
                ("reference", .object([("resource", .string(target.kind)), ("fields", .array([.string("id")]))])),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("fields", .array(columns.map(fieldDescriptor))),
            ("missingValues", .array([.string("")])),
            ("primaryKey", .array([.string("id")])),
        ]
        if !foreignKeys.isEmpty { members.append(("foreignKeys", .array(foreignKeys))) }
        return .object(members)
    }

    /// A resource of the data package: one CSV file, its dialect, size, hash and schema.
    public struct Resource: Sendable {
        public var kind: RecordKind
        public var bytes: Int64
        public var sha256: String

        public init(kind: RecordKind, bytes: Int64, sha256: String) {
            self.kind = kind
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// `data/csv/datapackage.json` for these CSV files (paths relative to it).
    public static func dataPackage(_ resources: [Resource]) -> JSONValue {
        let present = Set(resources.map(\.kind))
        return .object([
            ("profile", .string("tabular-data-package")),
            ("name", .string("porta-bundle")),
            ("title", .string("Personal data, one CSV table per record kind (porta/1)")),
            ("resources", .array(resources.map { resource in
                .object([
                    ("name", .string(resource.kind.name)),
                    ("path", .string(csvFileName(for: resource.kind))),
                    ("profile", .string("tabular-data-resource")),
                    ("title", .string(resource.kind.title)),
                    ("format", .string("csv")),
                    ("mediatype", .string("text/csv")),
                    ("encoding", .string("utf-8")),
                    ("bytes", .integer(resource.bytes)),
                    ("hash", .string("sha256:" + resource.sha256)),
                    ("dialect", .object([
                        ("delimiter", .string(",")),
                        ("lineTerminator", .string("\r\n")),
                        ("quoteChar", .string("\"")),
                        ("doubleQuote", .boolean(true)),
                        ("header", .boolean(true)),
                    ])),
                    ("schema", schema(for: resource.kind, presentKinds: present)),
                ])
            })),
        ])
    }

    private static func fieldDescriptor(_ column: FlatColumn) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(column.name))]
        var constraints: [(String, JSONValue)] = []
        if column.isRequired { constraints.append(("required", .boolean(true))) }
        if case .metadata(.id) = column.content { constraints.append(("unique", .boolean(true))) }
        switch column.shape {
        case .text:
            members.append(("type", .string("string")))
            constraints.append(("minLength", .integer(1)))
        case .integer:
            members.append(("type", .string("integer")))
            members.append(("bareNumber", .boolean(true)))
        case .boolean:
            members += [("type", .string("boolean")), ("trueValues", .array([.string("true")])),
                        ("falseValues", .array([.string("false")]))]
        case .timestamp:
            members += [("type", .string("datetime")), ("format", .string("any"))]
        case .date:
            members += [("type", .string("date")), ("format", .string("default"))]
        case .enumeration(let values):
            members.append(("type", .string("string")))
            constraints.append(("enum", .array(values.map(JSONValue.string))))
        case .pattern(let pattern):
            if case .amount = column.content {
                members += [("type", .string("number")), ("bareNumber", .boolean(true))]
            } else {
                members.append(("type", .string("string")))
                if case .field(let field) = column.content, field.type == .email {
                    members.append(("format", .string("email")))
                }
                constraints.append(("pattern", .string(pattern)))
            }
        }
        members.append(("description", .string(column.summary)))
        if !constraints.isEmpty { members.append(("constraints", .object(constraints))) }
        return .object(members)
    }
}
