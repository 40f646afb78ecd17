import PortaModel

/// An error raised by a connector: which source, table and row, and what is wrong.
///
/// Rows are named by their source key (a customer number, a primary key), never by their
/// contents; source keys must therefore not be personal data themselves.
public struct ConnectorError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem this is. New codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case unavailable = "source-unavailable"
            case mappingMismatch = "mapping-mismatch"
            case invalidRow = "invalid-row"
            case query = "query-failed"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The source cannot be opened or reached.
        public static let unavailable = Code(.unavailable)
        /// The source lacks a table or column the mapping names.
        public static let mappingMismatch = Code(.mappingMismatch)
        /// A row cannot become a valid record.
        public static let invalidRow = Code(.invalidRow)
        /// A query failed for another reason.
        public static let query = Code(.query)

        public var description: String { value.rawValue }
    }

    public let code: Code
    /// The source's id.
    public let source: String
    /// The table (or row set: `messages`, `cards`) the problem is in.
    public let table: String?
    /// The row's source key.
    public let key: String?
    /// The record kind the row was to become, for a broken row of a known mapping.
    public var kind: String?
    /// The file the problem is in, for file sources (as the config names it).
    public var file: String?
    /// The 1-based line in ``file``, when known.
    public var line: Int?
    /// What is wrong.
    public let message: String

    public init(_ code: Code, source: String, table: String? = nil, key: String? = nil, file: String? = nil,
                line: Int? = nil, message: String) {
        self.code = code
        self.source = source
        self.table = table
        self.key = key
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        var place = "source \(source)"
        if let file { place += ", file \(file)" + (line.map { ":\($0)" } ?? "") }
        if let table { place += ", table \(table)" }
        if let key { place += ", row \(key)" }
        return "\(place): \(message) [\(code)]"
    }
}
