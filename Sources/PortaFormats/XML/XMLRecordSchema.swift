import CLibXML2
import PortaBytes
import PortaModel

/// The compiled XSD of `porta/1`, made from the pinned schema built into Porta
/// (``RecordXMLSchema/document()``), or of a bundle's extension kinds, made from their
/// declaration; never from a schema found in a bundle. Compiled once and
/// shared by every reader (libxml2 allows one compiled schema in many readers).
public final class XMLRecordSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr

    /// The pinned schema.
    public static let pinned: XMLRecordSchema = {
        do { return try XMLRecordSchema(document: RecordXMLSchema.document()) } catch {
            fatalError("the built-in porta/1 XSD does not compile: \(error)")
        }
    }()

    /// The XSD of a catalogue's extension kinds, made from their declaration and compiled;
    /// nil when the catalogue has none.
    /// - Throws: ``FormatError`` when libxml2 refuses it (a declaration Porta checked never is).
    public static func extensions(of catalogue: RecordCatalogue) throws -> XMLRecordSchema? {
        catalogue.extensions.isEmpty ? nil : try XMLRecordSchema(document: RecordXMLSchema.extensionDocument(for: catalogue))
    }

    /// Compiles an XSD held in memory.
    /// - Throws: ``FormatError`` when libxml2 refuses it.
    public init(document: String) throws {
        LibXML2.initialize()
        porta_xml_silence_generic_errors()
        let bytes = Array(document.utf8)
        let parsed: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars -> xmlSchemaPtr? in
                guard let context = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                return xmlSchemaParse(context)
            }
        }
        guard let parsed else { throw FormatError(.xml, "the XSD does not compile") }
        pointer = parsed
    }

    deinit { xmlSchemaFree(pointer) }
}
