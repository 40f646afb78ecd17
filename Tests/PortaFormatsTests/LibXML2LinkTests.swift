import CLibXML2
import Foundation
import Testing

/// The system library target over libxml2 builds, links and imports beside Foundation (the
/// shim switches libxml2's ICU part off, which otherwise clashes with Foundation's).
@Suite struct LibXML2LinkTests {
    @Test func libxml2ParsesADocumentThroughTheShim() throws {
        xmlCheckVersion(20900)
        porta_xml_silence_generic_errors()
        let text = "<porta xmlns=\"urn:example\">ok</porta>"
        let document = try #require(text.withCString { xmlReadMemory($0, Int32(strlen($0)), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue)) })
        defer { xmlFreeDoc(document) }
        let root = try #require(xmlDocGetRootElement(document))
        #expect(String(cString: root.pointee.name) == "porta")
        let content = try #require(xmlNodeGetContent(root))
        defer { porta_xml_free(content) }
        #expect(String(cString: content) == "ok")
    }
}
