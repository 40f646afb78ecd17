import Crypto
import PortaBundle
import PortaBytes
import PortaFormats
import PortaModel

/// Reads one record file of a bundle from start to end with Porta's strict reader (level 2),
/// and on the way gathers what the later levels need: the records' ids and references for
/// the index (level 3, from the JSON file), counts per source and per legal footing, the
/// claims attachment records make, and a digest of the records' content (level 4).
struct RecordFileCheck: Sendable {
    let path: String
    let kind: RecordKind
    let format: RecordFileFormat
    /// The XSD of the bundle's extension kinds, for an extension kind's XML file.
    let extensionSchema: XMLRecordSchema?

    /// What a read found.
    struct Outcome: Sendable {
        let path: String
        let kind: RecordKind
        let format: RecordFileFormat
        /// Records read before the end or the first error.
        var records = 0
        /// SHA-256 of the records as canonical JSON lines: equal for two files exactly when
        /// they hold the same records in the same order. Nil when the file could not be read to the end.
        var contentDigest: String?
        /// The reading error, as a level-2 finding.
        var failure: Finding?
        /// Records per source (JSON files only).
        var recordsBySource: [String: Int] = [:]
        /// Records per provenance and legal basis (JSON files only).
        var footings: [Footing: Int] = [:]
        /// What attachment records say of their files (JSON files only).
        var attachments: [AttachmentClaim] = []
        /// An index error, as a finding.
        var indexFailure: Finding?
    }

    /// The provenance and legal basis of a record.
    struct Footing: Hashable, Sendable {
        let provenance: Provenance
        let legalBasis: LegalBasis
    }

    /// An attachment record's claim about the file it carries.
    struct AttachmentClaim: Sendable {
        let record: String
        let line: Int
        let path: String?
        let bytes: Int64?
        let sha256: String?
    }

    /// Reads the file at `path` inside `bag`; `index` is given for the one file per kind whose
    /// records go into it, `digest` when level 4 runs.
    func run(bag: String, index: RecordIndex?, digest: Bool) -> Outcome {
        var outcome = Outcome(path: path, kind: kind, format: format)
        var canonical = digest ? JSONRecordWriter(kind: kind, sink: DigestSink()) : nil
        var batch = RecordIndex.Batch()
        let details = format == .json
        do {
            var reader = try format.openReader(path: bag + "/" + path, name: path, kind: kind, extensionSchema: extensionSchema)
            while let record = try reader.next() {
                try canonical?.write(record)
                if details {
                    note(record, line: outcome.records + 2, in: &outcome)
                    if let index {
                        batch.record(record, file: path, line: outcome.records + 2)
                        if batch.isFull { try index.add(&batch) }
                    }
                }
                outcome.records += 1
            }
            if let index { try index.add(&batch) }
            try canonical?.finish()
            outcome.contentDigest = canonical?.sink.hex
        } catch let error as FormatError {
            outcome.failure = Finding(level: 2, code: .unreadableRecords(in: format.rawValue), path: path, line: error.line,
                                      record: error.recordID, message: error.message)
        } catch {
            outcome.indexFailure = Finding(level: 3, code: .indexFailed, path: path,
                                           message: "the scratch index of ids could not be written: \(error)")
        }
        return outcome
    }

    private func note(_ record: CanonicalRecord, line: Int, in outcome: inout Outcome) {
        outcome.recordsBySource[record.metadata.source, default: 0] += 1
        outcome.footings[Footing(provenance: record.metadata.provenance, legalBasis: record.metadata.legalBasis), default: 0] += 1
        guard kind == .attachment else { return }
        func text(_ name: String) -> String? {
            if case .text(let value)? = record[name] { value } else { nil }
        }
        var bytes: Int64?
        if case .integer(let count)? = record["bytes"] { bytes = count }
        outcome.attachments.append(AttachmentClaim(record: record.id.rawValue, line: line, path: text("path"),
                                                   bytes: bytes, sha256: text("sha256")))
    }
}

/// A byte sink that only hashes.
struct DigestSink: ByteSink {
    private var hasher = SHA256()

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
    }

    var hex: String { hasher.finalize().hex }
}
