import PortaModel

/// The XML layout of `porta/1`: names shared by the writer, the reader and the XSD.
///
/// `data/xml/<kind>.xml` has the root element `<kind>-records` in the namespace
/// ``namespace`` (an extension kind's in ``extensionNamespace``), and one `<kind>` element per record on its own line (line N + 2 holds record
/// N). A record element holds one child element per metadata field and per field with a
/// value, in the same order as JSON: a money field holds `<amount>` and `<currency>`.
public enum XMLRecordLayout {
    /// The namespace of `porta/1` XML.
    public static let namespace = "urn:porta:1"
    /// The namespace of a bundle's extension kinds (``RecordKind/isExtension``), described by
    /// the XSD the bundle carries (``RecordXMLSchema/extensionDocument(for:)``).
    public static let extensionNamespace = "urn:porta:1:extension"

    /// The namespace of a kind's elements.
    public static func namespace(of kind: RecordKind) -> String { kind.isExtension ? extensionNamespace : namespace }
    /// The file name of the published XSD in `formats/xml/`.
    public static let schemaFileName = "porta-1.xsd"

    /// The root element of a kind's file.
    public static func rootElement(of kind: RecordKind) -> String { kind.name + "-records" }
    /// The record element of a kind.
    public static func recordElement(of kind: RecordKind) -> String { kind.name }
    /// The file name of a kind's XML file.
    public static func fileName(for kind: RecordKind) -> String { kind.name + ".xml" }
}
