import PortaBundle
import PortaVerify

/// What ``ReceiverImporter`` did with a bundle.
public struct ReceiverImportResult: Sendable {
    /// How the import ended.
    public enum Outcome: String, Sendable {
        /// The records are in the receiver's tables.
        case imported
        /// Everything was done and then rolled back, as asked (`--dry-run`).
        case dryRun = "dry-run"
        /// The receiver took this bundle already (same digest); nothing changed.
        case alreadyImported = "already-imported"
        /// The bundle did not verify; nothing was written.
        case refused
    }

    /// What became of the records of one target table.
    public struct TableCount: Sendable, Hashable {
        public let table: String
        /// Rows made for records the receiver did not hold.
        public var inserted = 0
        /// Rows Porta made before, updated from a later bundle.
        public var updated = 0
        /// Rows left as they were: the same or an earlier bundle, `on-update: keep`, or a
        /// receiver's row the record matched by its natural key.
        public var unchanged = 0
    }

    public let outcome: Outcome
    public let report: VerificationReport
    public let facts: BundleFacts?
    /// Per target table, in the mapping's order.
    public let tables: [TableCount]
    /// Records of kinds the mapping does not take, by kind: counted, never written.
    public let skipped: [String: Int]
}
