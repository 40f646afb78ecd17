import PortaBundle
import PortaFormats
import PortaModel
import PortaVerify

/// The exporter's own check that the bundle it writes holds each id once and that every
/// reference names a record it holds: the verifier's scratch index of ids (level 3), filled as
/// records are written, so no bundle appears that `porta verify` would refuse for them (a
/// mapping whose key column is not unique, say). Memory stays flat: the index is on disk.
final class RecordIdentityCheck {
    private let scratch: ScratchFolder
    private let index: RecordIndex
    private var batch = RecordIndex.Batch()

    /// - Throws: ``ExportError`` `invalid-bundle` when the scratch index cannot be made.
    init() throws {
        do {
            scratch = try ScratchFolder(in: nil, prefix: "porta-export")
        } catch {
            throw ExportError(.invalidBundle, "the scratch index of ids cannot be made: \(error)")
        }
        do { index = try RecordIndex(path: scratch.path + "/index.sqlite") } catch {
            scratch.remove()
            throw ExportError(.invalidBundle, "the scratch index of ids cannot be made: \(error)")
        }
    }

    deinit { scratch.remove() }

    /// Takes the record written as the `position`-th (0-based) of its kind, whose line in
    /// `file` (its kind's JSON file) names it.
    func add(_ record: CanonicalRecord, file: String, position: Int) throws {
        batch.record(record, file: file, line: position + 2)
        if batch.isFull { try index.add(&batch) }
    }

    /// - Throws: ``ExportError`` `invalid-bundle` naming each duplicate id and dangling
    ///   reference by file, line and record id (never a value).
    func conclude() throws {
        try index.add(&batch)
        let findings = try index.findings(level: 3, limit: 10)
        guard !findings.isEmpty else { return }
        let hint = findings.contains { $0.code == FindingCode.duplicateID.rawValue }
            ? "; a mapping's key is not unique in its table (use a key that is, composite if need be)" : ""
        throw ExportError(.invalidBundle, "no bundle was written, because porta verify would refuse it: "
                          + findings.map(\.description).joined(separator: "; ") + hint)
    }
}
