import GRDB

/// The register's tables, as `formats/register.md` documents them. Triggers make the register
/// append-only: an entry cannot be changed or removed through SQLite.
enum RegisterSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS request (
                entry         INTEGER PRIMARY KEY AUTOINCREMENT,
                action        TEXT NOT NULL CHECK (action IN \(actions)),
                request_id    TEXT NOT NULL,
                purpose       TEXT CHECK (purpose IN ('portability', 'access')),
                article       TEXT,
                at            TEXT NOT NULL,
                received_on   TEXT,
                bundle_id     TEXT,
                bundle_digest TEXT,
                records       INTEGER NOT NULL DEFAULT 0,
                excluded      INTEGER NOT NULL DEFAULT 0,
                counts        TEXT NOT NULL DEFAULT '[]',
                exclusions    TEXT NOT NULL DEFAULT '[]',
                outcome       TEXT NOT NULL CHECK (outcome IN ('ok', 'no-records', 'failed')),
                error         TEXT,
                tool_version  TEXT NOT NULL,
                decisions     TEXT,
                receipt_digest TEXT
            );
            CREATE TABLE IF NOT EXISTS subject_key (
                entry INTEGER NOT NULL REFERENCES request (entry),
                key   TEXT NOT NULL,
                PRIMARY KEY (key, entry)
            );
            CREATE INDEX IF NOT EXISTS request_by_id ON request (request_id);
            CREATE TRIGGER IF NOT EXISTS request_append_only_update BEFORE UPDATE ON request
                BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS request_append_only_delete BEFORE DELETE ON request
                BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS subject_key_append_only_update BEFORE UPDATE ON subject_key
                BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS subject_key_append_only_delete BEFORE DELETE ON subject_key
                BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
            """)
        // Registers made before decisions were recorded gain the column; earlier rows keep NULL.
        if try !db.columns(in: "request").contains(where: { $0.name == "decisions" }) {
            try db.execute(sql: "ALTER TABLE request ADD COLUMN decisions TEXT")
        }
        if try !db.columns(in: "request").contains(where: { $0.name == "receipt_digest" }) {
            try db.execute(sql: "ALTER TABLE request ADD COLUMN receipt_digest TEXT")
        }
        try admitEveryAction(db)
    }

    /// Every action, as the CHECK constraint lists them.
    static let actions = "(" + RegisterEntry.Action.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// A register made before the newest action existed has a CHECK constraint that refuses it.
    /// SQLite cannot change a constraint, so the table is rebuilt in the caller's transaction:
    /// every row is copied with its number, and the append-only triggers are made again.
    private static func admitEveryAction(_ db: Database) throws {
        let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'request'") ?? ""
        guard !table.contains("action IN \(actions)") else { return }
        try db.execute(sql: """
            PRAGMA defer_foreign_keys = ON;
            DROP TRIGGER request_append_only_update;
            DROP TRIGGER request_append_only_delete;
            ALTER TABLE request RENAME TO request_before;
            """)
        try create(db)
        try db.execute(sql: """
            INSERT INTO request (entry, action, request_id, purpose, article, at, received_on, bundle_id, bundle_digest, records,
                                 excluded, counts, exclusions, outcome, error, tool_version, decisions, receipt_digest)
            SELECT entry, action, request_id, purpose, article, at, received_on, bundle_id, bundle_digest, records,
                   excluded, counts, exclusions, outcome, error, tool_version, decisions, receipt_digest FROM request_before;
            DROP TABLE request_before;
            CREATE INDEX IF NOT EXISTS request_by_id ON request (request_id);
            """)
    }
}
