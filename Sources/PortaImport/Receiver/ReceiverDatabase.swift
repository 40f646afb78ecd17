import PortaModel

/// The receiving controller's own database, as the receiver import writes it: one transaction,
/// prepared statements with bound values, names checked against the live schema first. SQLite
/// (``SQLiteReceiver``) and PostgreSQL (``PostgreSQLReceiver``).
public protocol ReceiverDatabase: AnyObject, Sendable {
    /// `$1` or `?1`: the placeholder of the `number`th bound value, from 1 (one value may be
    /// named twice).
    func placeholder(_ number: Int) -> String
    /// A condition that holds when `column` holds the value of `placeholder`, NULL equal to NULL.
    func isSame(_ column: String, _ placeholder: String) -> String
    func begin() async throws
    func commit() async throws
    /// Undoes everything since ``begin()``; never throws (a failed rollback ends the connection).
    func rollback() async
    /// The columns of a table or view, or nil when there is none.
    func columns(of table: String) async throws -> Set<String>?
    /// Runs a statement; returns how many rows it changed (for PostgreSQL, how many it
    /// returned: a statement whose count matters ends in `RETURNING 1`).
    @discardableResult func execute(_ sql: String, _ values: [BoundValue]) async throws -> Int
    /// The first row a query gives, its values as text, or nil.
    func firstRow(_ sql: String, _ values: [BoundValue]) async throws -> [String?]?
    /// Why a statement failed, without any value: the database's code, constraint, table and column.
    func describe(_ error: any Error) -> String
    func close() async
}

extension ReceiverDatabase {
    /// A name quoted for SQL (names are checked plain identifiers, so nothing needs escaping).
    static func quoted(_ name: String) -> String { "\"" + name + "\"" }

    func placeholders(_ count: Int, from start: Int = 1) -> [String] { (start..<(start + count)).map(placeholder) }
}
