import PortaBytes
import PortaFormats
import PortaModel

/// `porta-manifest.json`: what a bundle is, who made it for whom and why, what it holds and
/// what it leaves out. A tag file of the bag, so the tag manifest pins it.
///
/// Field by field it is described in `formats/porta-1.md`. Excluded data never appears here,
/// only counts and reasons.
public struct PortaManifest: Hashable, Sendable {
    /// The format this manifest follows.
    public static let format = BundleLayout.formatVersion

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

    /// The request the bundle answers.
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

    /// An identifier of the subject used to find their records, and where it came from.
    public struct SubjectIdentifierUse: Hashable, Sendable {
        public var identifier: SubjectIdentifier
        /// `request` for identifiers the request named, else the ids of the sources it was found in.
        public var foundIn: [String]

        public init(identifier: SubjectIdentifier, foundIn: [String]) {
            self.identifier = identifier
            self.foundIn = foundIn
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

        public init(id: String, connector: String, records: Int, excluded: Int) {
            self.id = id
            self.connector = connector
            self.records = records
            self.excluded = excluded
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

    /// What the bundle holds, in one word, as `contents` states it.
    public enum Contents: String, Sendable {
        /// Records the request covers.
        case records
        /// Records were found, but the policy covers none of them: the bundle says what exists and why it is left out.
        case noneCovered = "none-covered"
        /// No source knows the subject (a bundle written on purpose to say so).
        case noneFound = "none-found"
    }

    /// The JSON-LD context that makes the manifest, and the DPV keys of the record files,
    /// readable as linked data: the DPV prefixes, and which DPV property each key states.
    public static let jsonLDContext: JSONValue = .object(
        DPVTerms.prefixes.map { ($0.prefix, JSONValue.string($0.iri)) } + [
            ("right", .object([("@id", .string("dpv:hasRight")), ("@type", .string("@vocab"))])),
            ("dpvProvenance", .object([("@id", .string("dpv:hasPersonalData")), ("@type", .string("@vocab"))])),
            ("dpvLegalBasis", .object([("@id", .string("dpv:hasLegalBasis")), ("@type", .string("@vocab"))])),
            ("dpvCategory", .object([("@id", .string("dpv:hasPersonalData")), ("@type", .string("@vocab"))])),
        ])

    /// Judged from the source counts.
    public var contents: Contents {
        if sources.contains(where: { $0.records > 0 }) { return .records }
        return sources.contains(where: { $0.excluded > 0 }) ? .noneCovered : .noneFound
    }

    public var bundleID: String
    public var createdAt: Timestamp
    public var controller: Controller
    public var request: Request
    public var subjectIdentifiers: [SubjectIdentifierUse]
    public var policy: ExportPolicy
    public var sources: [Source]
    public var files: [File]
    public var exclusions: [ExclusionTally.Entry]
    public var generatorVersion: String

    public init(bundleID: String, createdAt: Timestamp, controller: Controller, request: Request,
                subjectIdentifiers: [SubjectIdentifierUse], policy: ExportPolicy, sources: [Source],
                files: [File], exclusions: [ExclusionTally.Entry], generatorVersion: String) {
        self.bundleID = bundleID
        self.createdAt = createdAt
        self.controller = controller
        self.request = request
        self.subjectIdentifiers = subjectIdentifiers
        self.policy = policy
        self.sources = sources
        self.files = files
        self.exclusions = exclusions
        self.generatorVersion = generatorVersion
    }

    /// The manifest as a JSON document with its keys in the documented order.
    public var json: JSONValue {
        func optional(_ key: String, _ value: String?) -> [(String, JSONValue)] {
            value.map { [(key, .string($0))] } ?? []
        }
        let controllerMembers: [(String, JSONValue)] =
            [("id", .string(controller.id)), ("name", .string(controller.name))]
            + optional("organisationNumber", controller.organisationNumber)
            + [("country", .string(controller.country))]
            + optional("contact", controller.contact)
        return .object([
            ("@context", Self.jsonLDContext),
            ("format", .string(Self.format)),
            ("bundleId", .string(bundleID)),
            ("createdAt", .string(createdAt.description)),
            ("controller", .object(controllerMembers)),
            ("request", .object([
                ("id", .string(request.id)),
                ("purpose", .string(request.purpose.rawValue)),
                ("article", .string(request.purpose.article)),
                ("right", .string(DPVTerms.term(request.purpose))),
                ("language", .string(request.language)),
            ])),
            ("subject", .object([
                ("identifiers", .array(subjectIdentifiers.map { use in
                    .object([
                        ("scheme", .string(use.identifier.scheme.rawValue)),
                        ("value", .string(use.identifier.value)),
                        ("foundIn", .array(use.foundIn.map(JSONValue.string))),
                    ])
                })),
            ])),
            ("policy", .object([
                ("purpose", .string(policy.purpose.rawValue)),
                ("provenance", Self.keptList(policy.keptProvenances.map { Set($0.map(\.rawValue)) },
                                             all: Provenance.allCases.map(\.rawValue))),
                ("legalBasis", Self.keptList(policy.keptLegalBases.map { Set($0.map(\.rawValue)) },
                                             all: LegalBasis.allCases.map(\.rawValue))),
            ])),
            ("sources", .array(sources.map { source in
                .object([
                    ("id", .string(source.id)),
                    ("connector", .string(source.connector)),
                    ("records", .integer(Int64(source.records))),
                    ("excluded", .integer(Int64(source.excluded))),
                ])
            })),
            ("files", .array(files.map { file in
                .object([("path", .string(file.path)), ("format", .string(file.format)),
                         ("mediaType", .string(file.mediaType))]
                        + optional("kind", file.kind)
                        + [("bytes", .integer(file.bytes)), ("sha256", .string(file.sha256))]
                        + (file.records.map { [("records", JSONValue.integer(Int64($0)))] } ?? []))
            })),
            ("exclusions", .array(exclusions.map { entry in
                .object([
                    ("source", .string(entry.source)),
                    ("kind", .string(entry.kind.name)),
                    ("reason", .string(entry.reason.code)),
                    ("explanation", .string(entry.reason.explanation)),
                    ("records", .integer(Int64(entry.records))),
                ])
            })),
            ("contents", .string(contents.rawValue)),
            ("generator", .object([("name", .string("porta")), ("version", .string(generatorVersion))])),
        ])
    }

    /// The kept values in catalogue order, each policy list written the same way.
    private static func keptList(_ kept: Set<String>?, all: [String]) -> JSONValue {
        .array(all.filter { kept?.contains($0) ?? true }.map(JSONValue.string))
    }
}
