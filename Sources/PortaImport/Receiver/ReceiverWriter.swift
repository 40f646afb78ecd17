import PortaBundle
import PortaFormats
import PortaModel

/// The statements of one receiver import, inside the transaction ``ReceiverImporter`` holds.
struct ReceiverWriter {
    let mapping: ReceiverMapping
    let database: any ReceiverDatabase
    let manifest: PortaManifest
    let digest: String
    let bag: String
    private(set) var counts: [ReceiverImportResult.TableCount] = []
    private(set) var skipped: [String: Int] = [:]
    /// Whether the link table holds rows of this sender already: when not, no record of the
    /// bundle can have a row yet (ids are unique in a bundle), so none is looked up.
    private var senderKnown = true

    init(mapping: ReceiverMapping, database: any ReceiverDatabase, manifest: PortaManifest, digest: String, bag: String) {
        self.mapping = mapping
        self.database = database
        self.manifest = manifest
        self.digest = digest
        self.bag = bag
    }

    private var link: String { quoted(mapping.prefix + "link") }
    private var bundles: String { quoted(mapping.prefix + "bundle") }
    private var sender: String { manifest.controller.id }
    private func quoted(_ name: String) -> String { "\"" + name + "\"" }
    private func p(_ number: Int) -> String { database.placeholder(number) }

    /// The JSON record files of the bundle, by kind, in catalogue order.
    private var recordFiles: [(kind: RecordKind, path: String, records: Int)] {
        manifest.catalogue.kinds.compactMap { kind in
            manifest.files.first { $0.kind == kind.name && $0.format == RecordFileFormat.json.rawValue }
                .map { (kind, $0.path, $0.records ?? 0) }
        }
    }

    /// Makes the link table and the table of imported bundles when the database has none
    /// (`formats/receiver-tables.md`).
    func prepare() async throws {
        try await database.execute("""
            CREATE TABLE IF NOT EXISTS \(link) (
                sender TEXT NOT NULL, record_id TEXT NOT NULL, kind TEXT NOT NULL, target_table TEXT NOT NULL,
                row_key TEXT NOT NULL, bundle_created_at TEXT NOT NULL, bundle_digest TEXT NOT NULL,
                PRIMARY KEY (sender, record_id))
            """, [])
        try await database.execute("""
            CREATE TABLE IF NOT EXISTS \(bundles) (
                digest TEXT PRIMARY KEY, bundle_id TEXT NOT NULL, sender TEXT NOT NULL, created_at TEXT NOT NULL,
                imported_at TEXT NOT NULL, inserted INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL,
                skipped INTEGER NOT NULL)
            """, [])
    }

    mutating func alreadyImported() async throws -> Bool {
        senderKnown = try await database.firstRow("SELECT 1 FROM \(link) WHERE sender = \(p(1)) LIMIT 1", [.text(sender)]) != nil
        return try await database.firstRow("SELECT 1 FROM \(bundles) WHERE digest = \(p(1))", [.text(digest)]) != nil
    }

    /// Every table, key and column the bundle's records will be written to exists.
    /// - Throws: ``ImportError`` `mapping`, naming the table or column.
    func checkSchema() async throws {
        for (kind, _, _) in recordFiles {
            guard let target = mapping.target(for: kind.name) else { continue }
            guard let present = try await database.columns(of: target.table) else {
                throw ImportError(.mapping, path: mapping.file, message: "\(kind.name): table \(target.table) does not exist in the receiver's database")
            }
            for column in [target.key] + target.columns.map(\.name) where !present.contains(column) {
                throw ImportError(.mapping, path: mapping.file, message: "\(kind.name): column \(target.table).\(column) does not exist in the receiver's database")
            }
        }
    }

    mutating func writeRecords() async throws {
        for (kind, path, records) in recordFiles {
            guard let target = mapping.target(for: kind.name) else {
                skipped[kind.name, default: 0] += records
                continue
            }
            var count = ReceiverImportResult.TableCount(table: target.table)
            var reader = try RecordFileFormat.json.openReader(path: bag + "/" + path, name: path, kind: kind)
            while let record = try reader.next() {
                try await write(record, to: target, counting: &count)
            }
            counts.append(count)
        }
    }

    private func write(_ record: CanonicalRecord, to target: ReceiverMapping.Target,
                       counting count: inout ReceiverImportResult.TableCount) async throws {
        var values: [BoundValue] = []
        for column in target.columns {
            do {
                values.append(try await bound(record, column))
            } catch let error as ReceiverValueError {
                throw ImportError(.conflict, path: mapping.file,
                                  message: "record \(record.id.rawValue) into \(target.table).\(column.name): \(error.message); nothing was imported")
            }
        }
        do {
            try await place(record, values, target, &count)
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(.conflict, path: mapping.file,
                              message: "record \(record.id.rawValue) into \(target.table): the receiver's database refused it (\(database.describe(error))); nothing was imported")
        }
    }

    private func bound(_ record: CanonicalRecord, _ column: ReceiverMapping.Column) async throws -> BoundValue {
        // References are resolved before the conversion, which is synchronous.
        var keys: [RecordID: String] = [:]
        if case .reference(let id)? = record[column.field] {
            guard let key = try await rowKey(of: id) else {
                throw ReceiverValueError("field \(column.field) refers to record \(id.rawValue), which is not in the receiver's tables")
            }
            keys[id] = key
        }
        return try column.conversion.bound(record[column.field]) { keys[$0]! }
    }

    private func rowKey(of id: RecordID) async throws -> String? {
        try await database.firstRow("SELECT row_key FROM \(link) WHERE sender = \(p(1)) AND record_id = \(p(2))",
                                    [.text(sender), .text(id.rawValue)])?.first ?? nil
    }

    private func place(_ record: CanonicalRecord, _ values: [BoundValue], _ target: ReceiverMapping.Target,
                       _ count: inout ReceiverImportResult.TableCount) async throws {
        let table = quoted(target.table), key = quoted(target.key)
        let names = target.columns.map { quoted($0.name) }
        if senderKnown,
           let linked = try await database.firstRow("SELECT row_key, bundle_created_at FROM \(link) WHERE sender = \(p(1)) AND record_id = \(p(2))",
                                                    [.text(sender), .text(record.id.rawValue)]),
           let rowKey = linked[0], let earlier = linked[1].flatMap({ try? Timestamp(parsing: $0) }) {
            guard manifest.createdAt > earlier, target.onUpdate == .update else { count.unchanged += 1; return }
            // Only a row whose values differ is written, and counted as updated.
            let assignments = names.enumerated().map { "\($1) = \(p($0 + 1))" }.joined(separator: ", ")
            let same = names.enumerated().map { database.isSame($1, p($0 + 1)) }.joined(separator: " AND ")
            let changed = try await database.execute("UPDATE \(table) SET \(assignments) WHERE \(key) = \(p(names.count + 1)) AND NOT (\(same)) RETURNING 1",
                                                     values + [.text(rowKey)])
            try await database.execute("""
                UPDATE \(link) SET bundle_created_at = \(p(1)), bundle_digest = \(p(2)) WHERE sender = \(p(3)) AND record_id = \(p(4))
                """, [.text(manifest.createdAt.description), .text(digest), .text(sender), .text(record.id.rawValue)])
            if changed > 0 { count.updated += 1 } else { count.unchanged += 1 }
            return
        }
        if case .columns(let natural) = target.match {
            let pairs = natural.compactMap { name in target.columns.firstIndex { $0.name == name }.map { (name, values[$0]) } }
            if !pairs.contains(where: { $0.1 == .null }) {
                let condition = pairs.enumerated().map { "\(quoted($1.0)) = \(p($0 + 1))" }.joined(separator: " AND ")
                if let row = try await database.firstRow("SELECT CAST(\(key) AS TEXT) FROM \(table) WHERE \(condition)", pairs.map(\.1)),
                   let rowKey = row[0] {
                    try await addLink(record, target, rowKey)
                    count.unchanged += 1
                    return
                }
            }
        }
        let inserted = try await database.firstRow("""
            INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(database.placeholders(names.count).joined(separator: ", ")))
            RETURNING CAST(\(key) AS TEXT)
            """, values)
        guard let rowKey = inserted?.first ?? nil else {
            throw ImportError(.conflict, path: mapping.file, message: "record \(record.id.rawValue) into \(target.table): the row was made without a key in \(target.key)")
        }
        try await addLink(record, target, rowKey)
        count.inserted += 1
    }

    private func addLink(_ record: CanonicalRecord, _ target: ReceiverMapping.Target, _ rowKey: String) async throws {
        try await database.execute("""
            INSERT INTO \(link) (sender, record_id, kind, target_table, row_key, bundle_created_at, bundle_digest)
            VALUES (\(database.placeholders(7).joined(separator: ", ")))
            """, [.text(sender), .text(record.id.rawValue), .text(record.kind.name), .text(target.table), .text(rowKey),
                  .text(manifest.createdAt.description), .text(digest)])
    }

    func recordBundle(at time: Timestamp) async throws {
        let total = counts.reduce((0, 0, 0)) { ($0.0 + $1.inserted, $0.1 + $1.updated, $0.2 + $1.unchanged) }
        try await database.execute("""
            INSERT INTO \(bundles) (digest, bundle_id, sender, created_at, imported_at, inserted, updated, unchanged, skipped)
            VALUES (\(database.placeholders(9).joined(separator: ", ")))
            """, [.text(digest), .text(manifest.bundleID), .text(sender), .text(manifest.createdAt.description), .text(time.description),
                  .integer(Int64(total.0)), .integer(Int64(total.1)), .integer(Int64(total.2)),
                  .integer(Int64(skipped.values.reduce(0, +)))])
    }
}
