import PortaFormats
import PortaModel

/// Every name in a `porta/1` bundle, spelled once: the BagIt files, the tag files `porta/1`
/// adds, and the places in `data/` (`formats/porta-1.md`, "Layout"). The writer, the reader,
/// the verifier, the importer and the exporter all take their paths from here.
public enum BundleLayout {
    /// The format version, as `porta-manifest.json` states it.
    public static let formatVersion = FormatVersion.current
    /// The identifier of `formats/bagit-profile.json`, as `bag-info.txt` names it.
    public static let bagItProfileIdentifier = "urn:porta:1:bagit-profile"

    /// The bag declaration (RFC 8493 §2.1.1).
    public static let declaration = "bagit.txt"
    /// The bag's metadata (RFC 8493 §2.2.2).
    public static let bagInfo = "bag-info.txt"
    /// The SHA-256 payload manifest.
    public static let payloadManifest = "manifest-sha256.txt"
    /// The SHA-256 tag manifest: its digest is the bundle's digest, and it is what a signature signs.
    public static let tagManifest = "tagmanifest-sha256.txt"
    /// What the bundle is and holds, a tag file.
    public static let manifest = "porta-manifest.json"
    /// The SSH signature over the tag manifest, a tag file outside the tag manifest.
    public static let signature = "porta-signature.sig"
    /// BagIt's list of files to fetch from elsewhere, which the porta/1 profile does not allow.
    public static let fetch = "fetch.txt"
    /// The `bag-info.txt` labels the porta/1 profile allows once each (`formats/bagit-profile.json`).
    public static let bagInfoLabelsGivenOnce = ["Source-Organization", "Contact-Email", "External-Description", "External-Identifier",
                                                "Bagging-Date", "Bag-Software-Agent", "BagIt-Profile-Identifier", "Payload-Oxum"]
    /// The tag files BagIt itself defines, which no one may add as ordinary tag files.
    public static let bagItFiles = [declaration, bagInfo, payloadManifest, tagManifest]

    /// The payload folder.
    public static let payloadFolder = "data"
    /// The page the person reads.
    public static let page = "data/index.html"
    /// The Frictionless data package that describes the CSV files.
    public static let dataPackage = "data/csv/datapackage.json"
    /// The folder of attachments, one file per attachment record, named after its id.
    public static let filesFolder = "data/files/"

    /// The folder of the schemas a bundle with extension kinds carries for them.
    public static let schemasFolder = "data/schemas/"
    /// The XSD of the bundle's extension kinds.
    public static let extensionXSD = "data/schemas/porta-1-extension.xsd"

    /// The JSON Schema of an extension kind's JSON file.
    public static func extensionJSONSchema(_ kind: RecordKind) -> String {
        schemasFolder + RecordJSONSchema.fileName(for: kind)
    }

    /// The schema files a bundle of `catalogue` carries, with what each must hold: a JSON
    /// Schema per extension kind and one XSD; none when there are no extension kinds.
    public static func extensionSchemas(_ catalogue: RecordCatalogue) -> [(path: String, format: String, mediaType: String, contents: [UInt8])] {
        guard !catalogue.extensions.isEmpty else { return [] }
        return catalogue.extensions.map { kind in
            (extensionJSONSchema(kind), "json-schema", "application/schema+json", RecordJSONSchema.schema(for: kind).serialized())
        } + [(extensionXSD, "xsd", "application/xml", Array(RecordXMLSchema.extensionDocument(for: catalogue).utf8))]
    }

    /// The file holding the records of `kind` in `format`.
    public static func recordFile(_ kind: RecordKind, _ format: RecordFileFormat) -> String {
        format.path(kind)
    }
}
