import PortaBytes
import PortaModel

/// One of the three formats every record kind is carried in: where its file lives in a
/// bundle, its media type, and how it is read back.
public enum RecordFileFormat: String, CaseIterable, Sendable {
    case json, csv, xml

    /// The file's path in the bag: `data/<format>/<kind>.<format>`.
    public func path(_ kind: RecordKind) -> String {
        switch self {
        case .json: "data/json/\(kind.name).json"
        case .csv: "data/csv/" + CSVTableSchema.csvFileName(for: kind)
        case .xml: "data/xml/" + XMLRecordLayout.fileName(for: kind)
        }
    }

    /// The media type `porta-manifest.json` gives the file.
    public var mediaType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv"
        case .xml: "application/xml"
        }
    }

    /// A strict streaming reader of the file at `path`; `name` is what errors call it. An
    /// extension kind's XML is read against `extensionSchema`, made from the declaration
    /// (``XMLRecordSchema/extensions(of:)``).
    /// - Throws: ``FormatError`` when the file cannot be opened or does not start right.
    public func openReader(path: String, name: String, kind: RecordKind,
                           extensionSchema: XMLRecordSchema? = nil) throws -> any RecordReader {
        switch self {
        case .json: return try JSONRecordReader(path: path, name: name, kind: kind)
        case .csv: return try CSVRecordReader(path: path, name: name, kind: kind)
        case .xml:
            guard !kind.isExtension else {
                guard let extensionSchema else { throw FormatError(.xml, "no XSD was made for the extension kind \(kind.name)", file: name) }
                return try XMLRecordReader(path: path, name: name, kind: kind, schema: extensionSchema)
            }
            return try XMLRecordReader(path: path, name: name, kind: kind)
        }
    }
}
