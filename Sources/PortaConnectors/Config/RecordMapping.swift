import PortaModel

/// How the rows of one table become records of one kind.
///
/// ```yaml
/// - kind: order-line
///   table: order_lines
///   key: id
///   subject: { column: customer_id, via: { table: orders, key: id, foreign-key: order_id } }
///   provenance: provided
///   legal-basis: contract
///   category: purchase
///   collected-at: created_at
///   fields:
///     order: order_id
///     unitPrice: { amount: unit_price, currency: currency }
/// ```
///
/// An `attachment` mapping may also name its file's content with `file:` (see
/// ``FileContentSource``); the file is then carried in the bundle under `data/files/`.
public struct RecordMapping: Sendable {
    /// The kind of record each row becomes.
    public let kind: RecordKind
    /// The table the rows come from; for a file or API source, the row set (`rows`, or an mbox
    /// source's `messages`, a vCard source's `emails`, any source's `subject`); for a query,
    /// `query` (what errors name).
    public let table: String
    /// The `SELECT` the rows come from instead of a table, in a database source.
    public let query: SourceQuery?
    /// The table's key columns, one or more (`key: [ordernr, radnr]`): together each record's
    /// source key, which must be unique in the table (the export refuses a bundle with two
    /// records of one id).
    public let keyColumns: [String]
    /// Put before the key to make the source key, so two mappings of one table to one kind
    /// (a customer number and a personnummer, both identifiers) get distinct ids.
    public let keyPrefix: String
    /// A column that must hold a value for a row to become a record at all (a phone number in
    /// a customer table: customers without one have no phone-number record, and that is not an
    /// error). Null or blank in any other required field is a broken row.
    public let whenPresent: String?
    /// How a row is tied to the subject, for a database source; file and API rows are matched
    /// by their own identifiers.
    public let subject: SubjectLink?
    public let provenance: Provenance
    public let legalBasis: LegalBasis
    public let category: DataCategory
    /// The column with the time the data was collected, when the table has one, and its
    /// conversion (`collected-at: created_at`, or `{ column: …, time-zone: …, epoch: … }`).
    public let collectedAt: FieldMapping?

    /// The field the `collected-at` column fills: the record's collection time.
    static let collectedAtField = FieldDefinition("collectedAt", .timestamp, "When the data was collected.")
    /// Where each field's value comes from, in the kind's field order.
    public let fields: [FieldMapping]
    /// For an attachment: where its file's content comes from.
    public let file: FileContentSource?

    /// - Parameter zone: the source's `time-zone`, for times without an offset.
    init(_ node: ConfigNode, baseDirectory: String, sourceKind: SourceConfig.Kind, zone: ValueConversion.Zone?,
         catalogue: RecordCatalogue = .porta1) throws {
        let map = try node.mapping(allowed: ["kind", "table", "query", "key", "subject", "provenance", "legal-basis",
                                             "category", "collected-at", "fields", "key-prefix", "when-present", "file"])
        let kindNode = try map.required("kind")
        guard let kind = catalogue.kind(named: try kindNode.string()) else {
            throw kindNode.error("must be one of \(catalogue.kinds.map(\.name).joined(separator: ", "))")
        }
        self.kind = kind
        if sourceKind.isSQL, let queryNode = map.optional("query") {
            if let other = map.optional("table") ?? map.optional("subject") {
                throw other.error("a mapping with a query takes its rows and the subject's from the query (:subject)")
            }
            let text = try queryNode.string()
            do { query = try SourceQuery(text) } catch { throw queryNode.error(error.message) }
            table = "query"
            subject = nil
        } else if sourceKind.isSQL {
            table = try map.required("table").identifier()
            subject = try SubjectLink(try map.required("subject"))
            query = nil
        } else {
            if let queryNode = map.optional("query") { throw queryNode.error("only a database source runs a query") }
            query = nil
            let sets = RowSets.names(for: sourceKind)
            let tableNode = map.optional("table")
            table = try tableNode?.string() ?? sets[0]
            guard sets.contains(table) else { throw (tableNode ?? node).error("must be one of \(sets.joined(separator: ", "))") }
            if let subjectNode = map.optional("subject") {
                throw subjectNode.error("a \(sourceKind.rawValue) source matches its rows by their identifiers; a mapping has no subject")
            }
            subject = nil
        }
        keyColumns = try Self.keyColumns(try map.required("key"), sourceKind: sourceKind)
        keyPrefix = try map.optional("key-prefix")?.string() ?? ""
        whenPresent = try map.optional("when-present")?.column(for: sourceKind)
        provenance = try map.required("provenance").oneOf(Provenance.self)
        legalBasis = try map.required("legal-basis").oneOf(LegalBasis.self)
        let categoryNode = try map.required("category")
        do { category = try DataCategory(try categoryNode.string()) } catch let error as ModelError {
            throw categoryNode.error(error.message)
        }
        collectedAt = try map.optional("collected-at").map {
            try FieldMapping(field: Self.collectedAtField, node: $0, sourceKind: sourceKind, zone: zone)
        }
        let fieldsNode = try map.required("fields")
        var fields: [FieldMapping] = []
        for (name, valueNode) in try fieldsNode.freeMapping() {
            guard let field = kind.field(named: name) else {
                throw valueNode.error("\(kind.name) has no field \(name) (fields: \(kind.fields.map(\.name).joined(separator: ", ")))")
            }
            fields.append(try FieldMapping(field: field, node: valueNode, sourceKind: sourceKind, zone: zone))
        }
        for field in kind.fields where field.isRequired && !fields.contains(where: { $0.field.name == field.name }) {
            throw fieldsNode.error("must map the required field \(field.name) of \(kind.name)")
        }
        self.fields = kind.fields.compactMap { field in fields.first { $0.field.name == field.name } }
        if let fileNode = map.optional("file") {
            guard kind == .attachment else { throw fileNode.error("only an attachment mapping can carry a file") }
            file = try FileContentSource(fileNode, baseDirectory: baseDirectory, sourceKind: sourceKind)
        } else {
            file = nil
        }
    }
}

extension RecordMapping {
    /// `key: column` or `key: [column, …]`. SQLite's implicit `rowid` is refused: VACUUM may
    /// renumber it, and record ids must stay the same run after run.
    static func keyColumns(_ node: ConfigNode, sourceKind: SourceConfig.Kind) throws -> [String] {
        let nodes = try node.oneOrMany()
        guard !nodes.isEmpty else { throw node.error("must name the key column, or a list of the columns that together make the key") }
        var columns: [String] = []
        for columnNode in nodes {
            let column = try columnNode.column(for: sourceKind)
            if sourceKind == .sqlite, ["rowid", "oid", "_rowid_"].contains(column.lowercased()) {
                throw columnNode.error("SQLite's rowid is not a stable key (VACUUM may renumber it); map a declared key column")
            }
            if columns.contains(column) { throw columnNode.error("names the key column \(column) twice") }
            columns.append(column)
        }
        return columns
    }

    /// The source key of a row whose key columns hold `parts`: the one part as it is, or the
    /// parts joined by `/`, each with `%` and `/` escaped, so different rows never share a key.
    static func sourceKey(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts[0] }
        return parts.map { $0.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F") }
            .joined(separator: "/")
    }
}

/// How a row is tied to the subject: a column holding the subject's key, in the table itself
/// or in a parent table reached through a foreign key.
public struct SubjectLink: Sendable {
    /// The column holding the subject's key (in ``via``'s table when there is one).
    public let column: String
    /// The parent table the column is in, when it is not in the mapped table itself.
    public let via: Join?

    /// A join from the mapped table to a parent table.
    public struct Join: Sendable {
        /// The parent table.
        public let table: String
        /// The parent table's key column.
        public let key: String
        /// The mapped table's column that holds the parent's key.
        public let foreignKey: String
    }

    init(_ node: ConfigNode) throws {
        if case .scalar = node.node {
            column = try node.identifier()
            via = nil
            return
        }
        let map = try node.mapping(allowed: ["column", "via"])
        column = try map.required("column").identifier()
        if let viaNode = map.optional("via") {
            let join = try viaNode.mapping(allowed: ["table", "key", "foreign-key"])
            via = Join(table: try join.required("table").identifier(), key: try join.required("key").identifier(),
                       foreignKey: try join.required("foreign-key").identifier())
        } else {
            via = nil
        }
    }
}
