import GRDB
import PortaVerify

/// The receiver's store: the SQLite schema `porta import` writes (documented in
/// `formats/store.md`). Every record is keyed by the sending controller and its stable id, and
/// names the bundle (by digest) it last came from; every imported bundle is listed once.
enum ReceiverStoreSchema {
    /// The tables the schema makes.
    static let tables = ["porta_bundle", "porta_bundle_kind", "porta_record", "porta_attachment_file"]

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("porta-store-1") { db in
            try db.execute(sql: """
                CREATE TABLE porta_bundle (
                    digest TEXT PRIMARY KEY NOT NULL CHECK (length(digest) = 64),
                    bundle_id TEXT NOT NULL,
                    format TEXT NOT NULL,
                    controller_id TEXT NOT NULL,
                    controller_name TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    signed_by TEXT,
                    accepted_kinds TEXT NOT NULL,
                    records_imported INTEGER NOT NULL,
                    records_skipped INTEGER NOT NULL
                );
                CREATE TABLE porta_bundle_kind (
                    bundle_digest TEXT NOT NULL REFERENCES porta_bundle(digest),
                    kind TEXT NOT NULL,
                    imported INTEGER NOT NULL,
                    skipped INTEGER NOT NULL,
                    PRIMARY KEY (bundle_digest, kind)
                ) WITHOUT ROWID;
                CREATE TABLE porta_record (
                    controller_id TEXT NOT NULL,
                    id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    bundle_digest TEXT NOT NULL REFERENCES porta_bundle(digest),
                    bundle_created_at TEXT NOT NULL,
                    source TEXT NOT NULL,
                    source_key TEXT NOT NULL,
                    provenance TEXT NOT NULL,
                    legal_basis TEXT NOT NULL,
                    category TEXT NOT NULL,
                    collected_at TEXT,
                    record TEXT NOT NULL,
                    PRIMARY KEY (controller_id, id)
                ) WITHOUT ROWID;
                CREATE INDEX porta_record_by_kind ON porta_record(controller_id, kind);
                CREATE INDEX porta_record_by_bundle ON porta_record(bundle_digest);
                CREATE TABLE porta_attachment_file (
                    sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
                    bytes INTEGER NOT NULL,
                    content BLOB NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        // porta_record keyed by rowid, its primary key an index beside it: records arrive in
        // the order of their files, and ids are hashes, so rows keyed by id went in at random
        // places of the whole table; now rows are appended and only the small key index is
        // written at random (issue 19).
        migrator.registerMigration("porta-store-2") { db in
            try db.execute(sql: """
                CREATE TABLE porta_record_by_rowid (
                    controller_id TEXT NOT NULL,
                    id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    bundle_digest TEXT NOT NULL REFERENCES porta_bundle(digest),
                    bundle_created_at TEXT NOT NULL,
                    source TEXT NOT NULL,
                    source_key TEXT NOT NULL,
                    provenance TEXT NOT NULL,
                    legal_basis TEXT NOT NULL,
                    category TEXT NOT NULL,
                    collected_at TEXT,
                    record TEXT NOT NULL,
                    PRIMARY KEY (controller_id, id)
                );
                INSERT INTO porta_record_by_rowid SELECT * FROM porta_record ORDER BY controller_id, id;
                DROP TABLE porta_record;
                ALTER TABLE porta_record_by_rowid RENAME TO porta_record;
                CREATE INDEX porta_record_by_kind ON porta_record(controller_id, kind);
                CREATE INDEX porta_record_by_bundle ON porta_record(bundle_digest);
                """)
        }
        return migrator
    }
}
