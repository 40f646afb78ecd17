import CMariaDB
import Foundation

/// One connection to a MySQL or MariaDB server through libmariadb, for one connector call.
///
/// It is opened read-only, in one transaction with a consistent snapshot, with the `utf8mb4`
/// character set (so the server converts a latin1 column's text to UTF-8), times in UTC, and
/// `ANSI_QUOTES` (so `"name"` quotes a name, as in PostgreSQL and SQLite). The server may not
/// ask it for local files (`LOAD DATA LOCAL`). Its errors carry the server's error number and
/// SQLSTATE, never the server's message, which may quote a value.
final class MySQLConnection {
    /// A failed call: the client's or server's error number and SQLSTATE.
    struct Failure: Error, CustomStringConvertible {
        let number: UInt32
        let state: String
        var description: String { "error \(number), SQLSTATE \(state)" }
    }

    let handle: UnsafeMutablePointer<MYSQL>

    /// Connects to the `mysql://user@host:port/database` URL `url`, with `password` when given
    /// (else the URL's own).
    /// - Throws: ``ConnectorError`` `source-unavailable`, naming neither the URL nor the password.
    init(url text: String, password: String?, tls: DatabaseServerSettings.TLSMode, source: String) throws {
        guard let url = URLComponents(string: text), url.scheme == "mysql" || url.scheme == "mariadb",
              let host = url.host, !host.isEmpty, let user = url.user else {
            throw ConnectorError(.unavailable, source: source, message: "the connection string is not a mysql://user@host/database URL")
        }
        guard let handle = mysql_init(nil) else {
            throw ConnectorError(.unavailable, source: source, message: "the MySQL client cannot start")
        }
        self.handle = handle
        var seconds: UInt32 = 10
        var off: my_bool = 0
        var on: my_bool = 1
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &seconds)
        mysql_options(handle, MYSQL_OPT_LOCAL_INFILE, &off)
        mysql_options(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        switch tls {
        case .disable: break
        case .prefer: mysql_ssl_set(handle, nil, nil, nil, nil, nil)
        case .require:
            mysql_ssl_set(handle, nil, nil, nil, nil, nil)
            mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &on)
            mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on)
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let password = password ?? url.password
        let port = UInt32(url.port ?? 3306)
        guard mysql_real_connect(handle, host, user, password, database.isEmpty ? nil : database, port, nil, 0) != nil else {
            // Closed by deinit, as every stored property is set.
            throw ConnectorError(.unavailable, source: source, message: "cannot connect to MySQL (\(Self.failure(of: handle)))")
        }
        do {
            try execute("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'ANSI_QUOTES')")
            try execute("SET SESSION time_zone = '+00:00'")
            try execute("SET SESSION TRANSACTION READ ONLY")
            try execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY")
        } catch {
            throw ConnectorError(.unavailable, source: source, message: "cannot set up the MySQL session (\(error))")
        }
    }

    deinit { mysql_close(handle) }

    /// Runs a statement that gives no rows.
    /// - Throws: ``Failure``.
    func execute(_ sql: String) throws {
        guard mysql_real_query(handle, sql, UInt(sql.utf8.count)) == 0 else { throw Self.failure(of: handle) }
    }

    /// Prepares `sql`, whose `?` take bound values.
    /// - Throws: ``Failure`` when the server refuses it.
    func prepare(_ sql: String) throws -> MySQLStatement {
        try MySQLStatement(connection: self, sql: sql)
    }

    static func failure(of handle: UnsafeMutablePointer<MYSQL>) -> Failure {
        Failure(number: mysql_errno(handle), state: String(cString: mysql_sqlstate(handle)))
    }
}
