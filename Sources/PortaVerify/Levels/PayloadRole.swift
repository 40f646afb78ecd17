import PortaBundle
import PortaFormats
import PortaModel

/// What a payload file is in a `porta/1` bundle, judged by its path alone.
enum PayloadRole: Hashable {
    /// A record file of one kind in one format.
    case records(RecordKind, RecordFileFormat)
    /// `data/csv/datapackage.json`.
    case dataPackage
    /// `data/index.html`.
    case page
    /// A file under `data/files/`.
    case attachment
    /// A schema of the extension kinds under `data/schemas/`, with its manifest format.
    case extensionSchema(format: String)
    /// Anything else, which `porta/1` does not allow.
    case unexpected

    /// The role of `path` in a bundle of the kinds of `catalogue`.
    init(path: String, catalogue: RecordCatalogue) {
        if path == BundleLayout.dataPackage { self = .dataPackage; return }
        if path == BundleLayout.page { self = .page; return }
        if path.hasPrefix(BundleLayout.schemasFolder) {
            let schema = BundleLayout.extensionSchemas(catalogue).first { $0.path == path }
            self = schema.map { .extensionSchema(format: $0.format) } ?? .unexpected
            return
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[1] == "files" { self = .attachment; return }
        guard parts.count == 3, let format = RecordFileFormat(rawValue: String(parts[1])),
              parts[2].hasSuffix("." + format.rawValue),
              let kind = catalogue.kind(named: String(parts[2].dropLast(format.rawValue.count + 1))),
              format.path(kind) == path else {
            self = .unexpected
            return
        }
        self = .records(kind, format)
    }

    /// The `format` value `porta-manifest.json` gives a file of this role.
    var manifestFormat: String? {
        switch self {
        case .records(_, let format): format.rawValue
        case .dataPackage: "datapackage"
        case .page: "html"
        case .attachment: "file"
        case .extensionSchema(let format): format
        case .unexpected: nil
        }
    }
}
