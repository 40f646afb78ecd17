import Foundation
import GRDB
import PortaModel
import PortaRegister
import PortaTestSupport
import Testing

/// A register made by an earlier Porta, whose table admits only the actions it knew, takes the
/// newer ones without losing or renumbering an entry, and stays append-only.
@Suite struct RegisterUpgradeTests {
    let folder = TemporaryFolder("porta-register-upgrade")
    var path: String { folder.file("register.sqlite") }
    let secret = "a-test-secret-of-enough-length"
    let anna = try! SubjectIdentifier(parsing: "email:anna.svensson@example.se", referenceDate: SampleSubject.day)

    /// The register's tables as Porta made them before `send` (no receipt column, five actions).
    func makeEarlierRegister() throws {
        let database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE request (
                    entry INTEGER PRIMARY KEY AUTOINCREMENT,
                    action TEXT NOT NULL CHECK (action IN ('received', 'export', 'sign', 'seal', 'import')),
                    request_id TEXT NOT NULL, purpose TEXT CHECK (purpose IN ('portability', 'access')), article TEXT,
                    at TEXT NOT NULL, received_on TEXT, bundle_id TEXT, bundle_digest TEXT,
                    records INTEGER NOT NULL DEFAULT 0, excluded INTEGER NOT NULL DEFAULT 0,
                    counts TEXT NOT NULL DEFAULT '[]', exclusions TEXT NOT NULL DEFAULT '[]',
                    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'no-records', 'failed')), error TEXT,
                    tool_version TEXT NOT NULL, decisions TEXT);
                CREATE TABLE subject_key (entry INTEGER NOT NULL REFERENCES request (entry), key TEXT NOT NULL, PRIMARY KEY (key, entry));
                CREATE INDEX request_by_id ON request (request_id);
                CREATE TRIGGER request_append_only_update BEFORE UPDATE ON request BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
                CREATE TRIGGER request_append_only_delete BEFORE DELETE ON request BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
                INSERT INTO request (entry, action, request_id, purpose, at, outcome, tool_version)
                    VALUES (7, 'export', 'r1', 'portability', '2026-10-01T08:00:00Z', 'ok', 'earlier');
                INSERT INTO subject_key (entry, key) VALUES (7, 'a-key');
                """)
        }
        try database.close()
    }

    func send(_ requestID: String) throws -> RegisterEntry {
        RegisterEntry(action: .send, requestID: requestID, purpose: .portability, at: try Timestamp(parsing: "2026-10-02T08:00:00Z"),
                      outcome: .ok, receiptDigest: String(repeating: "ab", count: 32), toolVersion: "test")
    }

    @Test func anEarlierRegisterTakesASendEntryAndKeepsItsEntries() throws {
        try makeEarlierRegister()
        let register = try RequestRegister(path: path, secret: secret)
        try register.append(try send("r1"), subject: [anna])
        let entries = try register.entries()
        #expect(entries.map(\.number) == [7, 8])
        #expect(entries.map(\.entry.action) == [.export, .send])
        #expect(entries.last?.entry.receiptDigest == String(repeating: "ab", count: 32))
    }

    @Test func anUpgradedRegisterIsStillAppendOnly() throws {
        try makeEarlierRegister()
        _ = try RequestRegister(path: path, secret: secret)
        let database = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try database.write { try $0.execute(sql: "UPDATE request SET outcome = 'failed'") } }
        #expect(throws: DatabaseError.self) { try database.write { try $0.execute(sql: "DELETE FROM request") } }
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM subject_key WHERE entry = 7") } == 1)
        #expect(try database.read { try Bool.fetchOne($0, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'request_by_id'") } == true)
    }
}
