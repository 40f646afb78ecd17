import PortaBundle
import PortaConnectors
import PortaModel

/// What an export wrote: where the bundle is, its digest, and what it holds and left out.
public struct ExportResult: Sendable {
    /// The bundle's folder.
    public let bundlePath: String
    /// The bundle's id (`urn:uuid:…`).
    public let bundleID: String
    /// SHA-256 of `tagmanifest-sha256.txt`.
    public let digest: String
    /// Records written, per kind, in catalogue order.
    public let recordsByKind: [(kind: RecordKind, records: Int)]
    /// Records left out by the policy.
    public let exclusions: [ExclusionTally.Entry]
    /// Source rows skipped as broken under `on-error: skip`.
    public let skippedRows: [ConnectorError]
    /// Per source, in config order: records kept and left out.
    public let sources: [PortaManifest.Source]
    /// The subject's identifiers: those the request named and those the sources added.
    public let subjectIdentifiers: [SubjectIdentifier]
    /// What a person decided about joining the subject's records (rows left out, conflicts
    /// accepted), as the manifest records it.
    public let identity: PortaManifest.IdentityDecisions

    /// Whether rows could not be read and are missing from the bundle (which counts them).
    public var hasUnreadableRows: Bool { !skippedRows.isEmpty }

    /// Records written in all.
    public var totalRecords: Int { recordsByKind.reduce(0) { $0 + $1.records } }
}
