import PortaModel

/// What `porta sources check` found when it ran one mapping, with every conversion, over the
/// first rows of its table: how many rows would become records, and per field how many
/// convert and which rows (by key, never by value) do not.
public struct MappingSample: Sendable {
    /// One field's tally (`collected-at` and `key` included when they fail).
    public struct Field: Sendable {
        public let name: String
        public internal(set) var converted = 0
        public internal(set) var failed = 0
        /// The keys of the first rows that failed (at most ``MappingSample/keptKeys``).
        public internal(set) var failingKeys: [String] = []
        /// Why the first failing row failed.
        public internal(set) var reason: String?
    }

    /// How many failing row keys are kept per field.
    public static let keptKeys = 3

    public let source: String
    public let kind: String
    public let table: String
    /// A query mapping's result columns, in the query's order (prepared, not run for real).
    public internal(set) var queryColumns: [String]?
    /// The rows read.
    public internal(set) var rows = 0
    /// The rows that would become records.
    public internal(set) var records = 0
    /// The fields in mapping order.
    public internal(set) var fields: [Field] = []
    /// Why rows failed that no single field explains (a required field missing, a record
    /// that does not hold together), by the first such row's key and reason.
    public internal(set) var recordProblems = Field(name: "record")

    init(source: String, mapping: RecordMapping) {
        self.source = source
        kind = mapping.kind.name
        table = mapping.table
        fields = (mapping.collectedAt.map { _ in [Field(name: "collected-at")] } ?? []) + mapping.fields.map { Field(name: $0.field.name) }
    }

    /// Whether every row read would become a record.
    public var allConvert: Bool { records == rows }

    /// Adds one row, tried field by field by `mapper`.
    mutating func add(_ trial: RowMapper.Trial) {
        rows += 1
        if trial.record { records += 1 }
        for index in fields.indices {
            if let reason = trial.failures[fields[index].name] {
                Self.note(&fields[index], key: trial.key, reason: reason)
            } else {
                fields[index].converted += 1
            }
        }
        if !trial.record, trial.failures.isEmpty {
            Self.note(&recordProblems, key: trial.key, reason: trial.recordReason ?? "the row does not make a record")
        }
    }

    private static func note(_ field: inout Field, key: String, reason: String) {
        field.failed += 1
        if field.failingKeys.count < keptKeys { field.failingKeys.append(key) }
        if field.reason == nil { field.reason = reason }
    }
}

extension MappingSample {
    /// One line for `porta sources check`: the mapping, the rows read, and each failing field
    /// with its count, first keys and reason.
    public var summary: String {
        let name = queryColumns.map { "\(kind) (query: \($0.joined(separator: ", ")))" } ?? "\(kind) (\(table))"
        guard !allConvert else { return "\(name): \(rows) row\(rows == 1 ? "" : "s") read, all convert" }
        let failing = (fields + [recordProblems]).filter { $0.failed > 0 }.map { field in
            "\(field.name) fails on \(field.failed) (rows \(field.failingKeys.joined(separator: ", "))"
                + (field.failed > field.failingKeys.count ? ", …" : "") + "): \(field.reason ?? "")"
        }
        return "\(name): \(rows) rows read, \(rows - records) would break; " + failing.joined(separator: "; ")
    }
}
