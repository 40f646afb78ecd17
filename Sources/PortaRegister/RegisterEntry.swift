import PortaModel

/// One line of the register of requests: something Porta did for a request (received,
/// exported, signed, sealed, imported), when, with which bundle, what it held and left out,
/// and how it ended. The subject is never in it; ``RequestRegister`` stores only keyed hashes
/// of the identifiers it is given beside the entry.
public struct RegisterEntry: Sendable, Hashable {
    /// What was done.
    public enum Action: String, Sendable, CaseIterable {
        case received, export, sign, seal, `import`, send
    }

    /// How it ended.
    public enum Outcome: String, Sendable, CaseIterable {
        case ok
        /// An export found no records for the subject (the person is told so).
        case noRecords = "no-records"
        case failed
    }

    /// Records of one kind, or excluded records of one kind from one source for one reason.
    public struct Count: Sendable, Hashable {
        public let source: String?
        public let kind: String
        public let reason: String?
        public let records: Int

        public init(source: String? = nil, kind: String, reason: String? = nil, records: Int) {
            self.source = source
            self.kind = kind
            self.reason = reason
            self.records = records
        }
    }

    public var action: Action
    public var requestID: String
    public var purpose: Purpose?
    /// When it was done.
    public var at: Timestamp
    /// When the controller received the request, when known: the one-month clock of
    /// Art. 12(3) starts then.
    public var receivedOn: CalendarDate?
    public var bundleID: String?
    /// SHA-256 of the bundle's tag manifest, hex.
    public var bundleDigest: String?
    public var recordsByKind: [Count]
    public var exclusions: [Count]
    public var outcome: Outcome
    /// An error code and message without personal data, when the action failed.
    public var error: String?
    /// What a person decided for this action (source rows left out of the subject, identity
    /// conflicts accepted), by source key, record id and field name only.
    public var decisions: String?
    /// SHA-256 of the receiver's receipt, hex, for a `send`: the receiver's word on what arrived.
    public var receiptDigest: String?
    public var toolVersion: String

    public init(action: Action, requestID: String, purpose: Purpose?, at: Timestamp, receivedOn: CalendarDate? = nil,
                bundleID: String? = nil, bundleDigest: String? = nil, recordsByKind: [Count] = [], exclusions: [Count] = [],
                outcome: Outcome, error: String? = nil, decisions: String? = nil, receiptDigest: String? = nil,
                toolVersion: String) {
        self.action = action
        self.requestID = requestID
        self.purpose = purpose
        self.at = at
        self.receivedOn = receivedOn
        self.bundleID = bundleID
        self.bundleDigest = bundleDigest
        self.recordsByKind = recordsByKind
        self.exclusions = exclusions
        self.outcome = outcome
        self.error = error
        self.decisions = decisions
        self.receiptDigest = receiptDigest
        self.toolVersion = toolVersion
    }

    /// Records kept, over all kinds.
    public var records: Int { recordsByKind.reduce(0) { $0 + $1.records } }
    /// Records left out, over all sources, kinds and reasons.
    public var excluded: Int { exclusions.reduce(0) { $0 + $1.records } }
}
