import PortaModel

/// A database's tables as `porta init` sees them: columns with their declared types and the
/// first rows' values, primary keys and foreign keys. Read once; the draft is made from it.
public struct DatabaseSchema: Sendable {
    /// One column: its name, its declared type as the database gives it, and sample values.
    public struct Column: Sendable {
        public let name: String
        public let declaredType: String
        public var samples: [SourceValue]

        public init(name: String, declaredType: String, samples: [SourceValue] = []) {
            self.name = name
            self.declaredType = declaredType
            self.samples = samples
        }
    }

    /// A column that refers to another table's column.
    public struct ForeignKey: Sendable, Hashable {
        public let column: String
        public let table: String
        public let referencedColumn: String

        public init(column: String, table: String, referencedColumn: String) {
            self.column = column
            self.table = table
            self.referencedColumn = referencedColumn
        }
    }

    /// A table or view.
    public struct Table: Sendable {
        public let name: String
        public var columns: [Column]
        public var primaryKey: [String]
        public var foreignKeys: [ForeignKey]

        public init(name: String, columns: [Column], primaryKey: [String], foreignKeys: [ForeignKey]) {
            self.name = name
            self.columns = columns
            self.primaryKey = primaryKey
            self.foreignKeys = foreignKeys
        }

        public func column(_ name: String) -> Column? { columns.first { $0.name == name } }
    }

    /// The tables, by name.
    public var tables: [Table]

    /// How many rows of each table are read for guessing.
    public static let sampleRows = 50

    public init(tables: [Table]) {
        self.tables = tables.sorted { $0.name < $1.name }
    }

    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }
}
