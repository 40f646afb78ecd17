import GRDB

/// The register's tables, as `formats/register.md` documents them. Triggers make the register
/// append-only: an entry cannot be changed or removed through SQLite.
enum RegisterSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            \(requestTable("request"))
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
    }

    /// The entries' table, under `name`.
    static func requestTable(_ name: String) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(name) (
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
        """
    }

    /// Every action, as the CHECK constraint lists them.
    static let actions = "(" + RegisterEntry.Action.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// A register made before the newest action existed has a CHECK constraint that refuses it.
    /// SQLite cannot change a constraint, so the table is rebuilt as SQLite's documentation
    /// says (foreign keys off, one transaction, checked before it commits): every row is
    /// copied with its number, and the append-only triggers and the index are made again.
    /// Runs outside a transaction, because foreign keys can only be switched off there.
    static func admitEveryAction(_ db: Database) throws {
        let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'request'")
        guard let table, !table.contains("action IN \(actions)") else { return }
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
        try db.inTransaction {
            // Columns added since: earlier rows keep NULL.
            if try !db.columns(in: "request").contains(where: { $0.name == "decisions" }) {
                try db.execute(sql: "ALTER TABLE request ADD COLUMN decisions TEXT")
            }
            if try !db.columns(in: "request").contains(where: { $0.name == "receipt_digest" }) {
                try db.execute(sql: "ALTER TABLE request ADD COLUMN receipt_digest TEXT")
            }
            try db.execute(sql: """
                DROP TRIGGER IF EXISTS request_append_only_update;
                DROP TRIGGER IF EXISTS request_append_only_delete;
                DROP INDEX IF EXISTS request_by_id;
                \(requestTable("request_new"))
                INSERT INTO request_new (entry, action, request_id, purpose, article, at, received_on, bundle_id, bundle_digest, records,
                                     excluded, counts, exclusions, outcome, error, tool_version, decisions, receipt_digest)
                SELECT entry, action, request_id, purpose, article, at, received_on, bundle_id, bundle_digest, records,
                       excluded, counts, exclusions, outcome, error, tool_version, decisions, receipt_digest FROM request;
                DROP TABLE request;
                ALTER TABLE request_new RENAME TO request;
                """)
            try create(db)
            guard try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") == nil else {
                throw RequestRegister.Problem(description: "the register could not be upgraded: its subject keys lost their entries")
            }
            return .commit
        }
    }
}
