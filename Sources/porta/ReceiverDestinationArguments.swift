import ArgumentParser
import PortaImport

/// Where a receiver's records go, for `porta import` and `porta serve`: `--store PATH` (Porta's
/// store), or `--mapping receiver.yml --target sqlite:PATH|postgresql` (the receiver's own
/// tables, PostgreSQL's from `--url-env` and `--password-env`, in `--schema`).
struct ReceiverDestinationArguments: ParsableArguments {
    @Option(name: .long, help: "The receiver's SQLite store (made when missing).")
    var store: String?

    @Option(name: .long, help: "A receiver mapping (receiver.yml): import into your own tables.")
    var mapping: String?

    @Option(name: .long, help: "Where the mapping's tables are: sqlite:PATH, or postgresql (with --url-env).")
    var target: String?

    @OptionGroup var database: DatabaseEnvironmentArguments

    @Option(name: .long, help: "The PostgreSQL schema of the target's tables; the user's default schema otherwise.")
    var schema: String?

    func validate() throws {
        switch (store, mapping, target) {
        case (_?, nil, nil): break
        case (nil, _?, let target?):
            guard target.hasPrefix("sqlite:") || target == "postgresql" else { throw ValidationError("--target is sqlite:PATH or postgresql") }
            if target == "postgresql" && database.urlEnv == nil { throw ValidationError("--target postgresql needs --url-env") }
        default: throw ValidationError("give --store, or --mapping with --target")
        }
    }

    /// Whether the records go into the receiver's own tables.
    var intoOwnTables: Bool { mapping != nil }

    /// Connects to the target each time it is called; the URL and password are read from the
    /// environment once, now.
    /// - Throws: `ExitStatus.couldNotRun` when a variable is not set.
    func opener() throws -> @Sendable () async throws -> any ReceiverDatabase {
        let target = target ?? ""
        if target.hasPrefix("sqlite:") {
            let path = String(target.dropFirst("sqlite:".count))
            return { try SQLiteReceiver(path: path) }
        }
        let (url, password) = try database.resolve()
        let schema = schema
        return { try await PostgreSQLReceiver.connect(url: url, password: password, schema: schema) }
    }
}
