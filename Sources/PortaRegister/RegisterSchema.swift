import GRDB

/// The register's tables, as `formats/register.md` documents them. Triggers make the register
/// append-only: an entry cannot be changed or removed through SQLite.
enum RegisterSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS request (
                entry         INTEGER PRIMARY KEY AUTOINCREMENT,
                action        TEXT NOT NULL CHECK (action IN ('received', 'export', 'sign', 'seal', 'import')),
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
                decisions     TEXT
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
    }
}
