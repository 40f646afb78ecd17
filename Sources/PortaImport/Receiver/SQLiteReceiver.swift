import Foundation
import GRDB

/// A receiver's SQLite database. One connection; the transaction is held across the import's
/// statements (GRDB's `allowsUnsafeTransactions`), begun `IMMEDIATE` so no other writer
/// interleaves.
public final class SQLiteReceiver: ReceiverDatabase, @unchecked Sendable {
    private let queue: DatabaseQueue

    /// Opens the database at `path`, which must exist: the receiver's schema is its own.
    /// - Throws: ``ImportError`` `store` when it is missing or cannot be opened.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ImportError(.store, path: path, message: "the receiver's database does not exist")
        }
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        configuration.foreignKeysEnabled = true
        configuration.label = "porta.receiver"
        do { queue = try DatabaseQueue(path: path, configuration: configuration) } catch {
            throw ImportError(.store, path: path, message: "the receiver's database cannot be opened: \(Self.reason(error))")
        }
    }

    public func placeholder(_ number: Int) -> String { "?\(number)" }
    public func isSame(_ column: String, _ placeholder: String) -> String { "\(column) IS \(placeholder)" }

    public func begin() async throws { try queue.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") } }
    public func commit() async throws { try queue.inDatabase { try $0.execute(sql: "COMMIT") } }
    public func rollback() async { try? queue.inDatabase { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") } } }

    public func columns(of table: String) async throws -> Set<String>? {
        try queue.inDatabase { db in
            guard try db.tableExists(table) || db.viewExists(table) else { return nil }
            return Set(try db.columns(in: table).map(\.name))
        }
    }

    public func execute(_ sql: String, _ values: [BoundValue]) async throws -> Int {
        try queue.inDatabase { db in
            // The import runs a few statements per record, again and again: each is compiled once.
            try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(values))
            return db.changesCount
        }
    }

    public func firstRow(_ sql: String, _ values: [BoundValue]) async throws -> [String?]? {
        try queue.inDatabase { db in
            guard let row = try Row.fetchOne(try db.cachedStatement(sql: sql), arguments: Self.arguments(values)) else { return nil }
            return (0..<row.count).map { index in
                switch (row[index] as DatabaseValue).storage {
                case .null: nil
                case .int64(let number): String(number)
                case .double(let number): String(number)
                case .string(let text): text
                case .blob(let data): data.map { String(format: "%02x", $0) }.joined()
                }
            }
        }
    }

    public func describe(_ error: any Error) -> String { Self.reason(error) }

    public func close() async { try? queue.close() }

    private static func arguments(_ values: [BoundValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: nil
            case .integer(let number): number
            case .text(let text): text
            case .boolean(let flag): flag ? 1 : 0
            }
        })
    }

    /// SQLite's code and message ("UNIQUE constraint failed: kund_epost.epost"), which name
    /// tables and columns, never values; the statement's arguments are left out.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(type(of: error))" }
        return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")"
    }
}
