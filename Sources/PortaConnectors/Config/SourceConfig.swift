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

    /// The source's id, used in record ids and the manifest (`shop`).
    public let id: String
    /// The connector kind (`sqlite`).
    public let connector: String
    /// Where the source is: a file path, resolved against the config's folder.
    public let location: String
    /// How the subject is found in this source.
    public let subjects: SubjectLookup
    /// The mappings of tables to record kinds.
    public let records: [RecordMapping]
    /// What a broken row does.
    public let onError: ErrorHandling

    /// The connector kinds this Porta has.
    public static let connectorKinds = ["sqlite"]

    init(_ node: ConfigNode, baseDirectory: String) throws {
        let map = try node.mapping(allowed: ["id", "connector", "path", "subjects", "records", "on-error"])
        let idNode = try map.required("id")
        id = try idNode.string()
        guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }), id.count <= 64 else {
            throw idNode.error("must be lower-case letters, digits and hyphens")
        }
        let connectorNode = try map.required("connector")
        connector = try connectorNode.string()
        guard Self.connectorKinds.contains(connector) else {
            throw connectorNode.error("must be one of \(Self.connectorKinds.joined(separator: ", "))")
        }
        let path = try map.required("path").string()
        location = path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).path
        subjects = try SubjectLookup(try map.required("subjects"))
        onError = try map.optional("on-error")?.oneOf(ErrorHandling.self) ?? .fail
        let recordNodes = try map.required("records").sequence()
        records = try recordNodes.map { try RecordMapping($0, baseDirectory: baseDirectory) }
    }
}

/// How a source finds the subject: the table of people, its key, and which column holds each
/// kind of strong identifier.
public struct SubjectLookup: Sendable {
    /// The table with one row per person (`customers`).
    public let table: String
    /// Its key column: the subject's key in this source.
    public let key: String
    /// The column holding each identifier scheme, in scheme order.
    public let identifierColumns: [(scheme: SubjectIdentifier.Scheme, column: String)]

    init(_ node: ConfigNode) throws {
        let map = try node.mapping(allowed: ["table", "key", "identifiers"])
        table = try map.required("table").identifier()
        key = try map.required("key").identifier()
        let identifiersNode = try map.required("identifiers")
        var columns: [(SubjectIdentifier.Scheme, String)] = []
        for (name, columnNode) in try identifiersNode.freeMapping() {
            guard let scheme = SubjectIdentifier.Scheme(rawValue: name) else {
                let names = SubjectIdentifier.Scheme.allCases.map(\.rawValue).joined(separator: ", ")
                throw columnNode.error("is not a strong identifier (one of \(names)); names, addresses and IPs never join records")
            }
            columns.append((scheme, try columnNode.identifier()))
        }
        guard !columns.isEmpty else { throw identifiersNode.error("must name at least one identifier column") }
        identifierColumns = columns.sorted { $0.0 < $1.0 }
    }
}
