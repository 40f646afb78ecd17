import Foundation
import PortaModel

/// One source of a controller's data and how its records map onto the canonical model.
public struct SourceConfig: Sendable {
    /// What to do with a source row that cannot become a valid record.
    public enum ErrorHandling: String, Sendable, CaseIterable {
        /// Stop the export with an error naming the row (the default: a bundle is complete or absent).
        case fail
        /// Leave the row out, report it, and go on.
        case skip
    }

    /// The kinds of source Porta reads.
    public enum Kind: String, Sendable, CaseIterable {
        case sqlite, postgresql, mysql, csv, ndjson, json, mbox, vcard, http

        /// Whether the source is a database of tables queried with SQL.
        public var isSQL: Bool { self == .sqlite || self == .postgresql || self == .mysql }
        /// Whether the source is a local file (`path`).
        public var isFile: Bool { !isServer && self != .http }
        /// Whether the source is a database server reached over the network.
        public var isServer: Bool { self == .postgresql || self == .mysql }
    }

    /// The source's id, used in record ids and the manifest (`shop`).
    public let id: String
    /// The connector kind's name (`sqlite`).
    public let connector: String
    /// The connector kind.
    public let kind: Kind
    /// Where a file source is: its path, resolved against the config's folder; empty for
    /// database servers and HTTP sources.
    public let location: String
    /// The path as the config gives it, for messages.
    public let path: String?
    /// How the subject is found in this source.
    public let subjects: SubjectLookup
    /// The mappings of tables (or row sets) to record kinds.
    public let records: [RecordMapping]
    /// What a broken row does.
    public let onError: ErrorHandling
    /// The connector kind's own settings.
    public let settings: ConnectorSettings
    /// The zone the source writes times without an offset in (`time-zone: Europe/Stockholm`,
    /// or `UTC`); without it such a time is a broken row, never read as UTC by guess.
    public let zone: ValueConversion.Zone?

    /// The connector kinds this Porta has.
    public static let connectorKinds = Kind.allCases.map(\.rawValue)

    init(_ node: ConfigNode, baseDirectory: String, catalogue: RecordCatalogue = .porta1) throws {
        let map = try node.mapping(allowed: ["id", "connector", "path", "subjects", "records", "on-error", "time-zone", "on-gap", "on-overlap"]
                                      + ConnectorSettings.keys)
        let idNode = try map.required("id")
        id = try idNode.string()
        guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }), id.count <= 64, !id.isEmpty else {
            throw idNode.error("must be lower-case letters, digits and hyphens")
        }
        let connectorNode = try map.required("connector")
        connector = try connectorNode.string()
        guard let kind = Kind(rawValue: connector) else {
            throw connectorNode.error("must be one of \(Self.connectorKinds.joined(separator: ", "))")
        }
        self.kind = kind
        if kind.isFile {
            let path = try map.required("path").string()
            self.path = path
            location = path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).path
        } else {
            if let pathNode = map.optional("path") { throw pathNode.error("a \(connector) source has no path") }
            path = nil
            location = ""
        }
        settings = try ConnectorSettings(kind: kind, map: map, node: node)
        subjects = try SubjectLookup(try map.required("subjects"), kind: kind)
        onError = try map.optional("on-error")?.oneOf(ErrorHandling.self) ?? .fail
        let zone = try FieldMapping.zone(in: map)
        self.zone = zone
        let recordNodes = try map.required("records").sequence()
        records = try recordNodes.map { try RecordMapping($0, baseDirectory: baseDirectory, sourceKind: kind, zone: zone, catalogue: catalogue) }
    }
}

/// How a source finds the subject: for a database, the table of people, its key and which
/// column holds each kind of strong identifier; for a file or an API, which field of a row holds
/// each identifier (mbox and vCard sources know their own: addresses, EMAIL and TEL).
public struct SubjectLookup: Sendable {
    /// One identifier column.
    public struct IdentifierColumn: Sendable {
        public let scheme: SubjectIdentifier.Scheme
        public let column: String
        /// Whether a value identifies one person. A column marked `unique: false` (a family's
        /// shared phone number) is never used to match or to widen the search.
        public let isUnique: Bool
    }

    /// The table with one row per person (`customers`); database sources only.
    public let table: String
    /// Its key column: the subject's key in this source; database sources only.
    public let key: String
    /// The column holding each identifier scheme, in scheme order.
    public let identifiers: [IdentifierColumn]

    /// The columns that identify one person (the unique ones), as `(scheme, column)`.
    public let identifierColumns: [(scheme: SubjectIdentifier.Scheme, column: String)]

    init(_ node: ConfigNode, kind: SourceConfig.Kind) throws {
        let map = try node.mapping(allowed: ["table", "key", "identifiers"])
        if kind.isSQL {
            table = try map.required("table").identifier()
            key = try map.required("key").identifier()
        } else {
            for name in ["table", "key"] {
                if let extra = map.optional(name) { throw extra.error("a \(kind.rawValue) source matches each row by its identifiers; it has no \(name)") }
            }
            table = ""
            key = ""
        }
        var columns: [IdentifierColumn] = []
        let identifiersNode = kind == .mbox || kind == .vcard ? map.optional("identifiers") : try map.required("identifiers")
        for (name, columnNode) in try identifiersNode?.freeMapping() ?? [] {
            guard let scheme = SubjectIdentifier.Scheme(rawValue: name) else {
                let names = SubjectIdentifier.Scheme.allCases.map(\.rawValue).joined(separator: ", ")
                throw columnNode.error("is not a strong identifier (one of \(names)); names, addresses and IPs never join records")
            }
            // One column, or several of one scheme (`email: [email, email2]`), each a name or
            // `{ column: …, unique: false }`.
            let entries = try columnNode.oneOrMany()
            if entries.isEmpty { throw columnNode.error("must name at least one column") }
            for entryNode in entries {
                if case .scalar = entryNode.node {
                    columns.append(IdentifierColumn(scheme: scheme, column: try entryNode.column(for: kind), isUnique: true))
                } else {
                    let entry = try entryNode.mapping(allowed: ["column", "unique"])
                    columns.append(IdentifierColumn(scheme: scheme, column: try entry.required("column").column(for: kind),
                                                    isUnique: try entry.optional("unique")?.bool() ?? true))
                }
            }
        }
        if let identifiersNode, columns.isEmpty { throw identifiersNode.error("must name at least one identifier column") }
        identifiers = columns.sorted { $0.scheme < $1.scheme }
        identifierColumns = identifiers.filter(\.isUnique).map { ($0.scheme, $0.column) }
    }
}
