import Foundation
import PortaBundle
import PortaBytes
import PortaFormats
import PortaModel
import PortaRegister
import PortaVerify

/// Takes a bundle into the receiving controller's own tables, as its ``ReceiverMapping`` says
/// (`docs/receiver-yml.md`; the tables Porta keeps beside them: `formats/receiver-tables.md`).
///
/// The bundle is verified first, at every level; an invalid one is refused and the database is
/// not touched. Then, in one transaction, the mapping is checked against the bundle's kinds
/// and the live schema, and each record of a kind the mapping takes is written, kinds in
/// catalogue order so a reference always finds its row: a record the link table knows updates
/// its row when the bundle is later than the one that wrote it (`on-update: update`) and is
/// left alone otherwise; a new record matches a row by the receiver's natural key, or becomes a
/// new row. The same bundle a second time changes nothing. Any refusal by the database rolls
/// the whole bundle back, named by record id, table and column, never by value. Records are
/// streamed from the bundle's JSON files, one at a time.
public struct ReceiverImporter: Sendable {
    public let mapping: ReceiverMapping
    public let options: ImportOptions
    /// Roll back at the end, having counted what would change.
    public let dryRun: Bool
    private let register: RequestRegister?

    public init(mapping: ReceiverMapping, options: ImportOptions = ImportOptions(), dryRun: Bool = false,
                register: RequestRegister? = nil) {
        self.mapping = mapping
        self.options = options
        self.dryRun = dryRun
        self.register = register
    }

    /// Imports the bundle at `path` into `database`, as received at `time`.
    /// - Throws: ``ImportError``: `mapping` when the mapping does not fit the bundle or the
    ///   schema, `conflict` when the database refuses a record (all rolled back), `unreadable`,
    ///   `changed` or `store` as for ``BundleImporter``, `register` when the register could not
    ///   record an import that ran.
    public func importBundle(_ path: String, into database: any ReceiverDatabase, at time: Timestamp) async throws -> ReceiverImportResult {
        let result = try await importWithoutRecording(path, into: database, at: time)
        guard let register, !dryRun else { return result }
        do { try register.append(RegisterEntry(importing: result, at: time), subject: result.facts?.subject ?? []) } catch {
            throw ImportError(.register, path: path, message: "the register could not record the import: \(error)", cause: error)
        }
        return result
    }

    private func importWithoutRecording(_ path: String, into database: any ReceiverDatabase, at time: Timestamp) async throws -> ReceiverImportResult {
        let verified: BundleVerifier.VerifiedBag
        do { verified = try BundleVerifier(options: options.verify).verifyKeepingBag(path, snapshot: true) } catch {
            throw ImportError(.unreadable, path: error.path, message: error.message, cause: error)
        }
        defer { verified.scratch.remove() }
        guard verified.report.isValid, let bag = verified.bag, let manifest = verified.manifest, let facts = verified.facts else {
            return ReceiverImportResult(outcome: .refused, report: verified.report, facts: verified.facts, tables: [], skipped: [:])
        }
        options.afterVerifying?(path)
        do { try mapping.check(against: manifest.catalogue) } catch {
            throw ImportError(.mapping, path: mapping.file, message: "\(error)")
        }
        do { try await database.begin() } catch {
            throw ImportError(.store, path: "receiver", message: "the receiver's database cannot begin a transaction: \(database.describe(error))")
        }
        do {
            var writer = ReceiverWriter(mapping: mapping, database: database, manifest: manifest, digest: facts.digest, bag: bag)
            try await writer.prepare()
            if try await writer.alreadyImported() {
                await database.rollback()
                return ReceiverImportResult(outcome: .alreadyImported, report: verified.report, facts: facts, tables: [], skipped: [:])
            }
            try await writer.checkSchema()
            try await writer.writeRecords()
            try await writer.recordBundle(at: time)
            if dryRun { await database.rollback() } else { try await database.commit() }
            return ReceiverImportResult(outcome: dryRun ? .dryRun : .imported, report: verified.report, facts: facts,
                                        tables: writer.counts, skipped: writer.skipped)
        } catch let error as ImportError {
            await database.rollback()
            throw error
        } catch let error as FormatError {
            await database.rollback()
            throw ImportError(.changed, path: path, message: "the bundle changed while it was imported; nothing was written: \(error)", cause: error)
        } catch {
            await database.rollback()
            throw ImportError(.store, path: "receiver", message: "the receiver's database failed, and is as it was: \(database.describe(error))", cause: error)
        }
    }
}

extension RegisterEntry {
    /// The receiver's line for an import into its own tables.
    public init(importing result: ReceiverImportResult, at time: Timestamp) {
        let kinds = result.tables.map { ImportResult.KindCount(kind: $0.table, imported: $0.inserted + $0.updated, skipped: 0) }
        let outcome: ImportResult.Outcome = switch result.outcome {
        case .imported, .dryRun: .imported
        case .alreadyImported: .alreadyImported
        case .refused: .refused
        }
        self.init(importing: ImportResult(outcome: outcome, report: result.report, facts: result.facts, kinds: kinds), at: time)
    }
}
