import Foundation
import GRDB

/// The sample receiver `samples/receiver/`: its own tables in a fresh SQLite file, or in a
/// fresh schema of the `porta_receiver` PostgreSQL database that `scripts/setup.sh` makes, so
/// tests running at once never share rows.
public struct ReceiverSample {
    public let folder: TemporaryFolder
    /// The copy's `receiver.yml`.
    public var mappingPath: String { folder.file("receiver.yml") }
    /// The SQLite database with the receiver's empty tables.
    public var databasePath: String { folder.file("receiver.sqlite") }

    /// Copies the mapping (edited by `editMapping`) and makes the SQLite tables.
    public init(editMapping: (String) -> String = { $0 }) throws {
        folder = TemporaryFolder("porta-receiver")
        let sample = Repository.path("samples/receiver")
        let mapping = try String(contentsOfFile: sample + "/receiver.yml", encoding: .utf8)
        try editMapping(mapping).write(toFile: mappingPath, atomically: false, encoding: .utf8)
        let database = try DatabaseQueue(path: databasePath)
        let script = try String(contentsOfFile: sample + "/schema-sqlite.sql", encoding: .utf8)
        try database.writeWithoutTransaction { db in try db.execute(sql: script) }
        try database.close()
    }

    /// Runs SQL against the SQLite tables.
    public func execute(_ sql: String) throws {
        let database = try DatabaseQueue(path: databasePath)
        defer { try? database.close() }
        try database.write { db in try db.execute(sql: sql) }
    }

    /// Rows of a query against the SQLite tables.
    public func rows(_ sql: String) throws -> [Row] {
        let database = try DatabaseQueue(path: databasePath)
        defer { try? database.close() }
        return try database.read { db in try Row.fetchAll(db, sql: sql) }
    }

    /// The receiver's PostgreSQL database, as `PORTA_RECEIVER_URL` and `PORTA_RECEIVER_PASSWORD` name it.
    public static var postgresURL: String { SampleServices.environment["PORTA_RECEIVER_URL"]! }
    public static var postgresPassword: String { SampleServices.environment["PORTA_RECEIVER_PASSWORD"]! }

    /// Makes a new schema in the receiver's PostgreSQL database with the sample's empty tables; returns its name.
    public static func makePostgresSchema() throws -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let tables = try String(contentsOfFile: Repository.path("samples/receiver/schema-postgresql.sql"), encoding: .utf8)
        try psql("CREATE SCHEMA \(name); SET search_path TO \(name);\n" + tables)
        return name
    }

    /// Runs SQL in the receiver's PostgreSQL database; returns what psql printed (unaligned, tuples only).
    @discardableResult
    public static func psql(_ sql: String) throws -> String {
        let run = try ExternalProcess.run("psql", ["-q", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", postgresURL, "-c", sql],
                                          environment: ["PGPASSWORD": postgresPassword, "PGOPTIONS": "-c client_min_messages=warning"])
        guard run.status == 0 else { throw ReceiverSampleError(message: run.combined) }
        return run.standardOutput
    }
}

struct ReceiverSampleError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
