import Foundation
import GRDB
import PortaBundle
import PortaBytes
import PortaFormats
import PortaModel
import PortaRegister
import PortaVerify

/// Takes a bundle into the receiver's SQLite store (schema: `formats/store.md`).
///
/// The bundle is verified first, at every level; an invalid bundle is refused with its report
/// and the store is not touched (not even created). Then every accepted record is written in
/// one transaction: all or nothing, whatever happens to the process. Records are keyed by the
/// sending controller and their stable id, so a later bundle from the same controller updates
/// them; the same bundle (by digest) a second time changes nothing. Attachment files go into
/// the store too, by digest. Records are streamed from the bundle's JSON files, one at a time.
///
/// ```swift
/// let result = try BundleImporter().importBundle("inbox/porta-req-1.zip", into: "receiver.sqlite", at: Timestamp(.now))
/// ```
public struct BundleImporter: Sendable {
    public let options: ImportOptions
    private let register: RequestRegister?

    /// An importer; each import that runs, whatever its outcome, is appended to `register`
    /// when one is given.
    public init(options: ImportOptions = ImportOptions(), register: RequestRegister? = nil) {
        self.options = options
        self.register = register
    }

    /// Imports the bundle at `path` into the store at `store`, as received at `time`.
    /// - Throws: ``ImportError`` when the bundle cannot be read at all or the store cannot be
    ///   written (the store is then unchanged), or `register` when the import ran but the
    ///   register could not record it.
    public func importBundle(_ path: String, into store: String, at time: Timestamp) throws(ImportError) -> ImportResult {
        let result = try importWithoutRecording(path, into: store, at: time)
        guard let register else { return result }
        do { try register.append(RegisterEntry(importing: result, at: time), subject: result.facts?.subject ?? []) } catch {
            throw ImportError(.register, path: path, message: "the register could not record the import: \(error)", cause: error)
        }
        return result
    }

    /// Whether the store at `store` exists and holds the bundle with `digest`; read only, so a
    /// missing store stays missing.
    private static func storeHolds(_ digest: String, store: String) -> Bool {
        guard FileManager.default.fileExists(atPath: store) else { return false }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: store, configuration: configuration) else { return false }
        defer { try? queue.close() }
        return (try? queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM porta_bundle WHERE digest = ?)", arguments: [digest])
        }) == true
    }

    private func importWithoutRecording(_ path: String, into store: String, at time: Timestamp) throws(ImportError) -> ImportResult {
        let verified: BundleVerifier.VerifiedBag
        // A bundle the store took before is checked at level 1 alone: that proves it is the
        // same bytes, which passed every level then.
        let known = { (digest: String?) -> Int in
            digest.map { Self.storeHolds($0, store: store) } == true ? 1 : VerificationPipeline.levelNames.keys.max()!
        }
        do { verified = try BundleVerifier(options: options.verify).verifyKeepingBag(path, snapshot: true, highestLevel: known) } catch {
            throw ImportError(.unreadable, path: error.path, message: error.message, cause: error)
        }
        defer { verified.scratch.remove() }
        let facts = verified.facts
        let onlyBag = verified.report.levels.allSatisfy { $0.level == 1 }
        if onlyBag, verified.report.isValid, let bag = verified.bag, let digest = BagDigest.of(bagAt: bag),
           Self.storeHolds(digest, store: store), let manifest = PortaManifest.read(bag: bag).0 {
            return ImportResult(outcome: .alreadyImported, report: verified.report, facts: BundleFacts(manifest: manifest, digest: digest),
                                kinds: [])
        }
        guard !onlyBag, verified.report.isValid, let bag = verified.bag, let manifest = verified.manifest, let digest = facts?.digest else {
            if onlyBag, verified.report.isValid {
                throw ImportError(.changed, path: store, message: "the store changed while the bundle was checked; nothing was imported")
            }
            return ImportResult(outcome: .refused, report: verified.report, facts: facts, kinds: [])
        }
        options.afterVerifying?(path)
        let signer = verified.report.levels.first { $0.level == 5 }?.detail
        let queue = try ReceiverStore.open(store)
        do {
            return try queue.write { db in
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM porta_bundle WHERE digest = ?)", arguments: [digest]) == true {
                    return ImportResult(outcome: .alreadyImported, report: verified.report, facts: facts, kinds: [])
                }
                // No downgrade: once a controller's bundles came signed, an unsigned one is refused.
                if signer == nil, try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM porta_bundle WHERE controller_id = ? AND signed_by IS NOT NULL)
                    """, arguments: [manifest.controller.id]) == true {
                    let downgrade = Finding(level: 5, code: .signatureDowngrade, path: BundleLayout.signature,
                                            message: "the bundle is not signed, but earlier bundles from controller \(manifest.controller.id) in the store were")
                    return ImportResult(outcome: .refused, report: verified.report.adding(downgrade), facts: facts, kinds: [])
                }
                let kinds = try write(manifest, from: bag, digest: digest, signer: signer, at: time, into: db)
                return ImportResult(outcome: .imported, report: verified.report, facts: facts, kinds: kinds)
            }
        } catch let error as ImportError {
            throw error
        } catch let error as FormatError {
            throw ImportError(.changed, path: path, message: "the bundle changed while it was imported, and the store is as it was: \(error)",
                              cause: error)
        } catch {
            throw ImportError(.store, path: store, message: "the store could not be written, and is as it was: \(ReceiverStore.describe(error))",
                              cause: error)
        }
    }

    private func write(_ manifest: PortaManifest, from bag: String, digest: String, signer: String?, at time: Timestamp,
                       into db: Database) throws -> [ImportResult.KindCount] {
        let accepted = options.acceptedKinds.map { $0.sorted().joined(separator: " ") } ?? "*"
        try db.execute(sql: """
            INSERT INTO porta_bundle (digest, bundle_id, format, controller_id, controller_name, request_id, purpose, created_at,
                                      imported_at, signed_by, accepted_kinds, records_imported, records_skipped)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)
            """, arguments: [digest, manifest.bundleID, PortaManifest.format, manifest.controller.id, manifest.controller.name,
                             manifest.request.id, manifest.request.purpose.rawValue, manifest.createdAt.description, time.description,
                             signer, accepted])
        var counts: [ImportResult.KindCount] = []
        for file in manifest.files where file.format == RecordFileFormat.json.rawValue {
            guard let name = file.kind, let kind = manifest.catalogue.kind(named: name) else { continue }
            let records = file.records ?? 0
            guard options.acceptedKinds?.contains(name) ?? true else {
                counts.append(.init(kind: name, imported: 0, skipped: records))
                continue
            }
            let imported = try RecordInsertion(db: db, controller: manifest.controller.id, digest: digest,
                                               bundleCreatedAt: manifest.createdAt.description, bag: bag)
                .insertAll(kind: kind, from: file.path)
            counts.append(.init(kind: name, imported: imported, skipped: 0))
        }
        for count in counts {
            try db.execute(sql: "INSERT INTO porta_bundle_kind (bundle_digest, kind, imported, skipped) VALUES (?, ?, ?, ?)",
                           arguments: [digest, count.kind, count.imported, count.skipped])
        }
        try db.execute(sql: "UPDATE porta_bundle SET records_imported = ?, records_skipped = ? WHERE digest = ?",
                       arguments: [counts.reduce(0) { $0 + $1.imported }, counts.reduce(0) { $0 + $1.skipped }, digest])
        return counts
    }
}

/// Writes one kind's records from a verified bag into the store, one statement per record.
/// The JSON file is read, and each record's JSON object made, on a thread of its own while
/// the rows before go into SQLite on this one.
private struct RecordInsertion {
    let db: Database
    let controller: String
    let digest: String
    let bundleCreatedAt: String
    let bag: String

    /// A record read, as the row the store keeps of it: only values made for this record
    /// cross between the threads, none the records of a kind share (their kind, say), whose
    /// reference counts both cores would otherwise fight over.
    private struct ReadRecord: Sendable {
        let id: String
        let source: String
        let sourceKey: String
        let provenance: String
        let legalBasis: String
        let category: String
        let collectedAt: String?
        let json: String
        /// An attachment record's file: its path in the bag and SHA-256.
        let file: (path: String, sha256: String)?

        init(_ record: CanonicalRecord) {
            let metadata = record.metadata
            id = metadata.id.rawValue
            source = metadata.source
            sourceKey = metadata.sourceKey
            provenance = metadata.provenance.rawValue
            legalBasis = metadata.legalBasis.rawValue
            category = metadata.category.name
            collectedAt = metadata.collectedAt?.description
            json = String(decoding: RecordJSON.object(record), as: UTF8.self)
            if record.kind == .attachment, case .text(let path)? = record["path"], case .text(let sha256)? = record["sha256"] {
                file = (path, sha256)
            } else {
                file = nil
            }
        }
    }

    /// Inserts or updates every record of `kind` in the JSON file at `path`; returns how many.
    func insertAll(kind: RecordKind, from path: String) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO porta_record (controller_id, id, kind, bundle_digest, bundle_created_at, source, source_key, provenance,
                                      legal_basis, category, collected_at, record)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (controller_id, id) DO UPDATE SET
                kind = excluded.kind, bundle_digest = excluded.bundle_digest, bundle_created_at = excluded.bundle_created_at,
                source = excluded.source, source_key = excluded.source_key, provenance = excluded.provenance,
                legal_basis = excluded.legal_basis, category = excluded.category, collected_at = excluded.collected_at,
                record = excluded.record
            WHERE excluded.bundle_created_at >= porta_record.bundle_created_at
            """)
        let file = bag + "/" + path
        var count = 0
        try BatchHandOff<ReadRecord>.overlapping(threadName: "porta-import-reader") { give in
            var reader = try RecordFileFormat.json.openReader(path: file, name: path, kind: kind)
            while let record = try reader.next() {
                try give(ReadRecord(record))
            }
        } take: { read in
            try statement.execute(arguments: [controller, read.id, kind.name, digest, bundleCreatedAt, read.source, read.sourceKey,
                                              read.provenance, read.legalBasis, read.category, read.collectedAt, read.json])
            if let file = read.file { try storeFile(file.path, sha256: file.sha256, of: read.id) }
            count += 1
        }
        return count
    }

    /// Stores an attachment record's file by its digest (once, however many records name it).
    private func storeFile(_ relative: String, sha256: String, of record: String) throws {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM porta_attachment_file WHERE sha256 = ?)", arguments: [sha256]) == true {
            return
        }
        guard let content = FileManager.default.contents(atPath: bag + "/" + relative) else {
            throw ImportError(.changed, path: relative, message: "the attachment file of record \(record) cannot be read")
        }
        try db.execute(sql: "INSERT INTO porta_attachment_file (sha256, bytes, content) VALUES (?, ?, ?)",
                       arguments: [sha256, content.count, content])
    }
}
