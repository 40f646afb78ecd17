import PortaModel

/// `porta-manifest.json`: what a bundle is, who made it for whom and why, what it holds and
/// what it leaves out. A tag file of the bag, so the tag manifest pins it.
///
/// One model for both sides: the exporter builds it and writes it (``json``); the verifier
/// reads it back (``read(bag:)``), checked against the rules of the pinned schema, into the
/// same type. Field by field it is described in `formats/porta-1.md`; each JSON key is spelled
/// once, in the `Key` of the type that holds it. Excluded data never appears here, only
/// counts and reasons.
public struct PortaManifest: Hashable, Sendable {
    /// The format this manifest follows.
    public static let format = BundleLayout.formatVersion
    /// The generator's name.
    public static let generatorName = "porta"

    /// The controller that answers the request.
    public struct Controller: Hashable, Sendable {
        public var id: String
        public var name: String
        public var organisationNumber: String?
        public var country: String
        public var contact: String?

        public init(id: String, name: String, organisationNumber: String?, country: String, contact: String?) {
            self.id = id
            self.name = name
            self.organisationNumber = organisationNumber
            self.country = country
            self.contact = contact
        }
    }

    /// The request the bundle answers; its article and right follow from the purpose.
    public struct Request: Hashable, Sendable {
        /// Whether `id` can be a request id: 1 to 64 ASCII letters, digits, `.`, `_` or `-`,
        /// not starting with `.` or `-` (it names the bundle's folder, `porta-<id>`).
        public static func isValidID(_ id: String) -> Bool {
            (1...64).contains(id.utf8.count) && id.first != "." && id.first != "-"
                && id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        }

        public var id: String
        public var purpose: Purpose
        public var language: String

        public init(id: String, purpose: Purpose, language: String) {
            self.id = id
            self.purpose = purpose
            self.language = language
        }
    }

    /// An identifier of the subject used to find their records, and where it came from. The
    /// value is as the manifest gives it; the verifier checks it is in normal form.
    public struct SubjectIdentifierUse: Hashable, Sendable {
        public var scheme: SubjectIdentifier.Scheme
        public var value: String
        /// `request` for identifiers the request named, else the ids of the sources it was found in.
        public var foundIn: [String]

        public init(scheme: SubjectIdentifier.Scheme, value: String, foundIn: [String]) {
            self.scheme = scheme
            self.value = value
            self.foundIn = foundIn
        }

        public init(identifier: SubjectIdentifier, foundIn: [String]) {
            self.init(scheme: identifier.scheme, value: identifier.value, foundIn: foundIn)
        }

        /// The identifier, when the value is valid and in normal form for its scheme on
        /// `referenceDate` (the day 10-digit personnummer are read against: the bundle's).
        public func identifier(on referenceDate: CalendarDate) -> SubjectIdentifier? {
            guard let identifier = try? SubjectIdentifier(scheme: scheme, normalizing: value, referenceDate: referenceDate),
                  identifier.value == value else { return nil }
            return identifier
        }
    }

    /// What the policy keeps: the provenances and legal bases, in catalogue order when written.
    public struct Policy: Hashable, Sendable {
        public var purpose: Purpose
        public var provenance: [Provenance]
        public var legalBasis: [LegalBasis]

        public init(purpose: Purpose, provenance: [Provenance], legalBasis: [LegalBasis]) {
            self.purpose = purpose
            self.provenance = provenance
            self.legalBasis = legalBasis
        }

        /// What `policy` keeps; a policy that keeps everything lists every value.
        public init(_ policy: ExportPolicy) {
            self.init(purpose: policy.purpose,
                      provenance: Provenance.allCases.filter { policy.keptProvenances?.contains($0) ?? true },
                      legalBasis: LegalBasis.allCases.filter { policy.keptLegalBases?.contains($0) ?? true })
        }
    }

    /// One source the records were pulled from.
    public struct Source: Hashable, Sendable {
        public var id: String
        public var connector: String
        /// Records included in the bundle.
        public var records: Int
        /// Records found but left out by the policy.
        public var excluded: Int
        /// Rows that could not be read (skipped under `on-error: skip`), so not in the bundle.
        public var unreadable: Int

        public init(id: String, connector: String, records: Int, excluded: Int, unreadable: Int = 0) {
            self.id = id
            self.connector = connector
            self.records = records
            self.excluded = excluded
            self.unreadable = unreadable
        }
    }

    /// One payload file.
    public struct File: Hashable, Sendable {
        public var path: String
        public var format: String
        public var mediaType: String
        public var kind: String?
        public var bytes: Int64
        public var sha256: String
        public var records: Int?

        public init(path: String, format: String, mediaType: String, kind: String?, bytes: Int64, sha256: String, records: Int?) {
            self.path = path
            self.format = format
            self.mediaType = mediaType
            self.kind = kind
            self.bytes = bytes
            self.sha256 = sha256
            self.records = records
        }
    }

    /// How many records of one kind from one source the policy left out, and why.
    public struct Exclusion: Hashable, Sendable {
        public var source: String
        public var kind: String
        /// The reason's code (`provenance-not-covered:observed`…).
        public var reason: String
        public var explanation: String
        public var records: Int

        public init(source: String, kind: String, reason: String, explanation: String, records: Int) {
            self.source = source
            self.kind = kind
            self.reason = reason
            self.explanation = explanation
            self.records = records
        }

        public init(_ entry: ExclusionTally.Entry) {
            self.init(source: entry.source, kind: entry.kind.name, reason: entry.reason.code,
                      explanation: entry.reason.explanation, records: entry.records)
        }
    }

    /// Rows of one source that could not be read, so are not in the bundle: per kind, when the
    /// row belonged to a known mapping (`unreadable-row`), or without a kind for a line,
    /// message or card that could not be read at all (`unreadable-unit`).
    public struct Unreadable: Hashable, Sendable, Comparable {
        /// The reasons, as `reason` gives them.
        public static let rowReason = "unreadable-row"
        public static let unitReason = "unreadable-unit"

        public var source: String
        public var kind: String?
        public var reason: String
        public var records: Int

        public init(source: String, kind: String?, reason: String, records: Int) {
            self.source = source
            self.kind = kind
            self.reason = reason
            self.records = records
        }

        public static func < (lhs: Unreadable, rhs: Unreadable) -> Bool {
            (lhs.source, lhs.kind ?? "", lhs.reason) < (rhs.source, rhs.kind ?? "", rhs.reason)
        }
    }

    /// How a person decided the subject's records are joined, when they did: source rows left
    /// out as another person's, and identity conflicts accepted. Values never appear, only
    /// source keys, record ids and field names.
    public struct IdentityDecisions: Hashable, Sendable {
        /// `source:key` of each subject row left out, sorted.
        public var excludedSourceKeys: [String]
        /// Each accepted conflict: two record ids and the fields they disagree on.
        public var acceptedConflicts: [AcceptedConflict]

        public init(excludedSourceKeys: [String], acceptedConflicts: [AcceptedConflict]) {
            self.excludedSourceKeys = excludedSourceKeys
            self.acceptedConflicts = acceptedConflicts
        }

        /// Whether there was any decision to record.
        public var isEmpty: Bool { excludedSourceKeys.isEmpty && acceptedConflicts.isEmpty }
    }

    /// Two records a person accepted as one subject although they disagree.
    public struct AcceptedConflict: Hashable, Sendable {
        public var records: [String]
        public var fields: [String]

        public init(records: [String], fields: [String]) {
            self.records = records
            self.fields = fields
        }
    }

    /// What the bundle holds, in one word, as `contents` states it.
    public enum Contents: String, Sendable {
        /// Records the request covers.
        case records
        /// Records were found, but the policy covers none of them: the bundle says what exists and why it is left out.
        case noneCovered = "none-covered"
        /// No source knows the subject (a bundle written on purpose to say so).
        case noneFound = "none-found"

        /// What `sources` hold, judged from their counts.
        public static func judged(from sources: [Source]) -> Contents {
            if sources.contains(where: { $0.records > 0 }) { return .records }
            return sources.contains(where: { $0.excluded > 0 }) ? .noneCovered : .noneFound
        }
    }

    public var bundleID: String
    public var createdAt: Timestamp
    public var controller: Controller
    public var request: Request
    public var subjectIdentifiers: [SubjectIdentifierUse]
    public var policy: Policy
    /// The kinds the bundle may hold: `porta/1`'s, and the controller's extension kinds, whose
    /// declaration the manifest carries (`kinds`).
    public var catalogue: RecordCatalogue
    public var sources: [Source]
    public var files: [File]
    public var exclusions: [Exclusion]
    /// Rows that could not be read, by source, kind and reason; sorted.
    public var unreadable: [Unreadable]
    /// A person's decisions on joining the subject's records, when there were any.
    public var identity: IdentityDecisions?
    /// What the bundle says it holds: judged from the sources when built, as stated when read.
    public var contents: Contents
    public var generatorVersion: String

    /// A manifest; `contents` is judged from `sources` unless given.
    public init(bundleID: String, createdAt: Timestamp, controller: Controller, request: Request,
                subjectIdentifiers: [SubjectIdentifierUse], policy: Policy, catalogue: RecordCatalogue = .porta1, sources: [Source],
                files: [File], exclusions: [Exclusion], unreadable: [Unreadable] = [], identity: IdentityDecisions? = nil,
                contents: Contents? = nil,
                generatorVersion: String) {
        self.bundleID = bundleID
        self.createdAt = createdAt
        self.controller = controller
        self.request = request
        self.subjectIdentifiers = subjectIdentifiers
        self.policy = policy
        self.catalogue = catalogue
        self.sources = sources
        self.files = files
        self.exclusions = exclusions
        self.unreadable = unreadable
        self.identity = identity.flatMap { $0.isEmpty ? nil : $0 }
        self.contents = contents ?? .judged(from: sources)
        self.generatorVersion = generatorVersion
    }
}
