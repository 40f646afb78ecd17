import PortaBundle
import PortaModel

/// `porta-manifest.json` as a receiver reads it: what the bundle claims to be and to hold,
/// checked against the rules of the pinned schema but not yet against the files (that is
/// the verifier's semantic level).
public struct BundleManifest: Sendable {
    /// One payload file the manifest lists.
    public struct File: Sendable, Hashable {
        public let path: String
        public let format: String
        public let mediaType: String
        public let kind: String?
        public let bytes: Int64
        public let sha256: String
        public let records: Int64?
    }

    /// One source with its counts.
    public struct Source: Sendable, Hashable {
        public let id: String
        public let connector: String
        public let records: Int64
        public let excluded: Int64
    }

    /// One exclusion count.
    public struct Exclusion: Sendable, Hashable {
        public let source: String
        public let kind: String
        public let reason: String
        public let records: Int64
    }

    /// One identifier the subject was found by.
    public struct SubjectIdentifierUse: Sendable, Hashable {
        public let scheme: String
        public let value: String
        public let foundIn: [String]
    }

    /// The format version, `porta/1`.
    public let format: String
    public let bundleID: String
    public let createdAt: Timestamp
    public let controllerID: String
    public let controllerName: String
    public let requestID: String
    public let purpose: Purpose
    public let article: String
    public let subjectIdentifiers: [SubjectIdentifierUse]
    /// The provenances and legal bases the policy keeps.
    public let keptProvenances: [Provenance]
    public let keptLegalBases: [LegalBasis]
    public let sources: [Source]
    public let files: [File]
    public let exclusions: [Exclusion]
    /// What the bundle says it holds.
    public let contents: PortaManifest.Contents
    public let generatorVersion: String
}
