import PortaBundle
import PortaFormats

/// What reading a bag found, handed from ``BundleReading`` to each ``VerificationStage``: the
/// bag's structure and checksums, the manifest, every record file's outcome, the index of ids.
/// Reading happens once, on every core; the stages only judge it.
public struct ReadBundle: Sendable {
    /// The bag folder.
    public let bag: String
    /// The highest level reading prepared for.
    public let maxLevel: Int
    /// The manifest, when level 2 read it and it is valid.
    public let manifest: PortaManifest?
    /// What is wrong with the manifest (level 2).
    let manifestFindings: [Finding]
    /// The bag as read, its checksums compared (level 1).
    let bagFindings: [Finding]
    /// `bag-info.txt` as label → first value, nil when unreadable.
    let bagInfo: [String: String]?
    /// The payload: files, sizes, SHA-256 digests.
    let payload: PayloadFacts
    /// The compiled XSD of the extension kinds the manifest declares, when it declares any.
    let extensionSchema: XMLRecordSchema?
    /// One outcome per record file read.
    let outcomes: [RecordFileCheck.Outcome]
    /// The scratch index of ids and references, when level 3 runs.
    let index: RecordIndex?
    /// Problems making or filling the index.
    let indexFindings: [Finding]

    /// Why the levels above 2 cannot judge the bundle: its manifest names a format version
    /// this verifier does not read.
    var versionRefusal: String? {
        manifestFindings.contains { $0.code == FindingCode.unsupportedFormatVersion.rawValue }
            ? "the bundle's format version is not one this verifier reads (level 2)" : nil
    }
}
