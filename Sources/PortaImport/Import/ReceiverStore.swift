import Foundation
import GRDB
import PortaBytes
import PortaVerify

/// Opens the receiver's store: an SQLite file, made owner-only when new, with its schema
/// brought up to date.
enum ReceiverStore {
    static func open(_ path: String) throws(ImportError) -> DatabaseQueue {
        let descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ImportError(.store, path: path, message: "the store cannot be opened (\(SystemReason.current()))") }
        close(descriptor)
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(60)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // The schema is checked before anything is written: a file with tables of Porta's
            // names that Porta did not make is refused as it is, with nothing added.
            let foreign = try queue.read { db in
                try db.tableExists("grdb_migrations") ? [] : try ReceiverStoreSchema.tables.filter { try db.tableExists($0) }
            }
            guard foreign.isEmpty else {
                throw ImportError(.store, path: path, message: "the file already holds tables named \(foreign.joined(separator: ", ")) "
                                  + "that Porta did not make; nothing was written")
            }
            try ReceiverStoreSchema.migrator().migrate(queue)
            return queue
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(.store, path: path, message: "the store cannot be opened: \(describe(error))", cause: error)
        }
    }

    /// A database error without the SQL's arguments (which may hold personal data).
    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode)" }
        if let error = error as? ImportError { return error.message }
        return String(describing: type(of: error))
    }
}
