/// Counts the records a policy left out, per source, kind and reason, and nothing else: the
/// bundle says what was left out and why, never the left-out data.
public struct ExclusionTally: Hashable, Sendable {
    /// One line of the tally.
    public struct Entry: Hashable, Sendable, Comparable {
        public let source: String
        public let kind: RecordKind
        public let reason: ExclusionReason
        public let records: Int

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.source, lhs.kind.name, lhs.reason.code) < (rhs.source, rhs.kind.name, rhs.reason.code)
        }
    }

    private struct Key: Hashable {
        let source: String
        let kind: RecordKind
        let reason: ExclusionReason
    }

    private var counts: [Key: Int] = [:]

    public init() {}

    /// Counts one excluded record.
    public mutating func count(source: String, kind: RecordKind, reason: ExclusionReason) {
        counts[Key(source: source, kind: kind, reason: reason), default: 0] += 1
    }

    /// The tally, sorted by source, kind and reason code.
    public var entries: [Entry] {
        counts.map { Entry(source: $0.key.source, kind: $0.key.kind, reason: $0.key.reason, records: $0.value) }
            .sorted()
    }

    /// How many records were left out in all.
    public var total: Int { counts.values.reduce(0, +) }
}
