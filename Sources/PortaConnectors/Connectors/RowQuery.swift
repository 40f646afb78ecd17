/// The SQL that reads one mapping's rows for a subject from a database: SQLite, PostgreSQL, or
/// MySQL and MariaDB (whose sessions Porta runs in `ANSI_QUOTES` mode, so names are quoted
/// alike everywhere).
///
/// Table and column names come from the checked config and are quoted; the subject's keys are
/// bound parameters (`?` in SQLite and MySQL, `$1…` in PostgreSQL), compared as text.
struct RowQuery {
    /// The placeholder style and casts of a database.
    enum Dialect: Equatable {
        case sqlite, postgresql, mysql

        /// Whether each placeholder takes its own argument (`?`), rather than one numbered
        /// argument standing for all its uses (`$1`).
        var bindsEachPlaceholder: Bool { self != .postgresql }

        func placeholders(_ count: Int, from first: Int = 1) -> String {
            switch self {
            case .sqlite, .mysql: Array(repeating: "?", count: count).joined(separator: ", ")
            case .postgresql: (first..<(first + count)).map { "$\($0)" }.joined(separator: ", ")
            }
        }

        /// A column compared or read as text.
        func text(_ expression: String) -> String {
            switch self {
            case .sqlite: expression
            case .postgresql: "CAST(\(expression) AS TEXT)"
            case .mysql: "CAST(\(expression) AS CHAR)"
            }
        }

        /// A column compared byte for byte with a key: MySQL compares text by its collation,
        /// which may ignore case and trailing spaces and so match another subject's key.
        func exact(_ expression: String) -> String {
            switch self {
            case .sqlite, .postgresql: text(expression)
            case .mysql: "CAST(\(expression) AS BINARY)"
            }
        }
    }

    let mapping: RecordMapping
    /// The mapped table's columns the query selects, in select order, each once.
    let columns: [String]
    /// The selected columns whose JSON members the mapping reads (MySQL's dotted names).
    let jsonColumns: Set<String>
    let sql: String

    /// - Parameters:
    ///   - subjectKeys: how many subject keys are bound; nil reads every subject's rows (for
    ///     a sample, with `limit`).
    ///   - limit: the most rows to read.
    ///   - select: the select expression of a column (a database may convert its type).
    init(mapping: RecordMapping, subjectKeys: Int?, limit: Int? = nil, dialect: Dialect = .sqlite,
         select: (String) -> String = { "t.\(RowQuery.quoted($0))" }) {
        self.mapping = mapping
        let read = RowMapper.columns(of: mapping)
        var seen: Set<String> = []
        self.columns = read.map(Self.storedColumn).filter { seen.insert($0).inserted }
        self.jsonColumns = Set(read.filter { $0.contains(".") }.map(Self.storedColumn))
        let q = Self.quoted
        let selected = self.columns.map(select).joined(separator: ", ")
        var sql = "SELECT \(selected) FROM " + (mapping.query.map { "(\($0.sql(dialect))) AS t" } ?? "\(q(mapping.table)) AS t")
        var conditions: [String] = []
        // A query selects the subject's rows itself, by :subject.
        if let subjectKeys, mapping.query == nil {
            let subjectColumn: String
            let link = mapping.subject!
            if let via = link.via {
                sql += " JOIN \(q(via.table)) AS p ON t.\(q(via.foreignKey)) = p.\(q(via.key))"
                subjectColumn = "p.\(q(link.column))"
            } else {
                subjectColumn = "t.\(q(link.column))"
            }
            conditions.append("\(dialect.exact(subjectColumn)) IN (\(dialect.placeholders(max(subjectKeys, 1))))")
        }
        if let column = mapping.whenPresent {
            conditions.append("t.\(q(column)) IS NOT NULL AND trim(\(dialect.text("t.\(q(column))"))) <> ''")
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY " + mapping.keyColumns.map { "t.\(q($0))" }.joined(separator: ", ")
        if let limit { sql += " LIMIT \(max(limit, 0))" }
        self.sql = sql
    }

    static func quoted(_ name: String) -> String { "\"\(name)\"" }

    /// The column a name is stored in: itself, or for a JSON member (`settings.topic`, which
    /// only a MySQL source may name) the column holding the JSON.
    static func storedColumn(_ name: String) -> String { String(name.prefix { $0 != "." }) }

    /// The bound arguments of each run of a mapping's query: a table is read in one run for
    /// all of `keys` (none when it reads anyone's rows); a query runs once per key, in key
    /// order, the key bound once per `:subject` (PostgreSQL binds `$1` once).
    static func runs(of mapping: RecordMapping, keys: [String], dialect: Dialect) -> [[String]] {
        guard let query = mapping.query else { return [keys] }
        return keys.sorted().map { Array(repeating: $0, count: dialect.bindsEachPlaceholder ? query.parameterCount : 1) }
    }
}
