import PortaBundle
import PortaFormats
import PortaModel
import PortaVerify

/// The exporter's own check that the bundle it writes holds each id once and that every
/// reference names a record it holds: the verifier's scratch index of ids (level 3), filled as
/// records are written, so no bundle appears that `porta verify` would refuse for them (a
/// mapping whose key column is not unique, say). Memory stays flat: the index is SQLite's
/// private temporary database, in memory while small and in an unlinked temporary file beyond,
/// so a bulk run's small exports make no scratch files at all.
final class RecordIdentityCheck {
    private let index: RecordIndex
    private var batch = RecordIndex.Batch()

    /// - Throws: ``ExportError`` `invalid-bundle` when the scratch index cannot be made.
    init() throws {
        do { index = try RecordIndex() } catch {
            throw ExportError(.invalidBundle, "the scratch index of ids cannot be made: \(error)")
        }
    }

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
