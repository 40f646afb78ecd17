import Foundation
import GRDB
@testable import PortaImport
import PortaModel
import PortaTestSupport
import Testing

/// A store made before `porta-store-2` (records in a table keyed by id, WITHOUT ROWID) is
/// brought up to date when it is next opened, keeping every row it held.
@Suite struct StoreUpgradeTests {
    let receiver = TemporaryFolder("porta-store-upgrade")
    var store: String { receiver.file("receiver.sqlite") }

    /// A store at `porta-store-1` holding one bundle with two records.
    private func makeFirstVersionStore() throws {
        let queue = try DatabaseQueue(path: store)
        defer { try? queue.close() }
        try ReceiverStoreSchema.migrator().migrate(queue, upTo: "porta-store-1")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO porta_bundle VALUES ('\(String(repeating: "a", count: 64))', 'urn:uuid:1', 'porta/1', 'oldshop', 'Old shop',
                    'req-1', 'access', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', NULL, '*', 2, 0);
                INSERT INTO porta_record VALUES
                    ('oldshop', 'per_00000000000000000000000000000002', 'person', '\(String(repeating: "a", count: 64))',
                     '2025-01-01T00:00:00Z', 'shop', '2', 'provided', 'contract', 'profile', NULL, '{"id":"per_2"}'),
                    ('oldshop', 'per_00000000000000000000000000000001', 'person', '\(String(repeating: "a", count: 64))',
                     '2025-01-01T00:00:00Z', 'shop', '1', 'provided', 'contract', 'profile', '2024-01-01T00:00:00Z', '{"id":"per_1"}');
                """)
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: store)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    @Test func theRecordsOfAnOlderStoreAreKeptAndItsRecordTableIsRebuilt() async throws {
        try makeFirstVersionStore()
        let bundle = try await SampleBundle.make()
        let result = try BundleImporter().importBundle(bundle.path, into: store, at: Timestamp(.now))
        #expect(result.outcome == .imported, "\(result.report.text)")
        try read { db in
            let old = try Row.fetchAll(db, sql: "SELECT id, source_key, collected_at, record FROM porta_record WHERE controller_id = 'oldshop' ORDER BY id")
            #expect(old.map { $0["source_key"] as String } == ["1", "2"])
            #expect(old.map { $0["record"] as String } == [#"{"id":"per_1"}"#, #"{"id":"per_2"}"#])
            #expect(old.first?["collected_at"] == "2024-01-01T00:00:00Z")
            let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'porta_record'") ?? ""
            #expect(!table.contains("WITHOUT ROWID"))
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'porta_record' ORDER BY name")
            #expect(indexes.contains("porta_record_by_bundle") && indexes.contains("porta_record_by_kind"))
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == ["porta-store-1", "porta-store-2"])
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM porta_record WHERE controller_id = 'exempelbutiken'") == result.kinds.reduce(0) { $0 + $1.imported })
        }
    }

    @Test func aRecordIsStillOneRowPerControllerAndId() async throws {
        let bundle = try await SampleBundle.make()
        _ = try BundleImporter().importBundle(bundle.path, into: store, at: Timestamp(.now))
        let queue = try DatabaseQueue(path: store)
        defer { try? queue.close() }
        try await queue.write { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM porta_record LIMIT 1")!
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO porta_record SELECT * FROM porta_record WHERE controller_id = ? AND id = ?",
                               arguments: [row["controller_id"], row["id"]])
            }
        }
    }
}
