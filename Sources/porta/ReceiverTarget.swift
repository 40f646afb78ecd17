import ArgumentParser
import PortaImport

/// `--target sqlite:PATH` or `--target postgresql` (with `--url-env`): where a receiver
/// mapping's tables are, for `porta import` and `porta serve`.
enum ReceiverTarget {
    /// - Throws: a `ValidationError` saying what is wrong with `target`.
    static func validate(_ target: String, database: DatabaseEnvironmentArguments) throws {
        guard target.hasPrefix("sqlite:") || target == "postgresql" else { throw ValidationError("--target is sqlite:PATH or postgresql") }
        if target == "postgresql" && database.urlEnv == nil { throw ValidationError("--target postgresql needs --url-env") }
    }

    /// Opens a connection to the target each time it is called; the URL and password are read
    /// from the environment once, now.
    /// - Throws: `ExitStatus.couldNotRun` when a variable is not set.
    static func opener(_ target: String, database: DatabaseEnvironmentArguments,
                       schema: String?) throws -> @Sendable () async throws -> any ReceiverDatabase {
        if target.hasPrefix("sqlite:") {
            let path = String(target.dropFirst("sqlite:".count))
            return { try SQLiteReceiver(path: path) }
        }
        let (url, password) = try database.resolve()
        return { try await PostgreSQLReceiver.connect(url: url, password: password, schema: schema) }
    }
}
