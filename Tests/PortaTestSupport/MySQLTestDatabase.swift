import Foundation

/// A database of a test's own on the local MariaDB server (`porta_test_…`, which the sample's
/// user may create), made with the `mariadb` client and dropped when released. A test that
/// needs the server and finds none fails; it never skips.
public final class MySQLTestDatabase: @unchecked Sendable {
    public let name: String
    private let environment = SampleServices.environment

    /// Creates an empty database with the `utf8mb4` character set.
    public init() throws {
        name = "porta_test_" + UUID().uuidString.prefix(8).lowercased()
        _ = try run("CREATE DATABASE \(name) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci", database: nil)
    }

    deinit { _ = try? run("DROP DATABASE IF EXISTS \(name)", database: nil) }

    /// The connection string Porta reads it by (the password is in ``password``).
    public var url: String { "mysql://porta@127.0.0.1:3306/\(name)" }
    public var password: String { environment["PORTA_STOREFRONT_PASSWORD"]! }

    /// Runs `sql` (statements separated by `;`), in a session that allows MySQL's zero dates;
    /// returns what it printed, tab-separated.
    /// - Throws: the client's output when it fails.
    @discardableResult
    public func run(_ sql: String) throws -> String { try run(sql, database: name) }

    private func run(_ sql: String, database: String?) throws -> String {
        let session = "SET SESSION sql_mode = ''; SET time_zone = '+00:00'; "
        let result = try ExternalProcess.run("mariadb", ["-h", "127.0.0.1", "-u", "porta", "--batch", "--skip-column-names"]
                                             + (database.map { ["-D", $0] } ?? []) + ["-e", session + sql],
                                             environment: ["MYSQL_PWD": password])
        guard result.status == 0 else { throw MySQLTestDatabaseError(message: result.combined) }
        return result.standardOutput
    }
}

struct MySQLTestDatabaseError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
