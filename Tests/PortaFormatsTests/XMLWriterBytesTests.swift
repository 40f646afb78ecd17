import PortaBytes
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// Porta writes its XML record files byte by byte; libxml2's `xmlTextWriter` wrote them before.
/// A bundle must stay the same bytes for the same records, so the two must agree on every kind
/// and on every character a person's data may hold.
@Suite struct XMLWriterBytesTests {
    private func bothWriters(_ kind: RecordKind, _ records: [CanonicalRecord]) throws -> (porta: [UInt8], libxml2: [UInt8]) {
        let porta = try RecordFileFixture.xml(kind, records)
        let libxml2 = try RecordFileFixture.bytes(records, with: LibXMLReferenceWriter(kind: kind, sink: MemorySink()), sink: \.sink)
        return (porta, libxml2)
    }

    @Test(arguments: RecordKind.all)
    func everyKindIsWrittenAsLibxml2WroteIt(_ kind: RecordKind) throws {
        let written = try bothWriters(kind, try RecordFileFixture.fullRecords(kind))
        #expect(String(decoding: written.porta, as: UTF8.self) == String(decoding: written.libxml2, as: UTF8.self))
    }

    @Test func aFileWithoutRecordsIsWrittenAsLibxml2WroteIt() throws {
        let written = try bothWriters(.order, [])
        #expect(written.porta == written.libxml2)
    }

    @Test(arguments: ["a & b < c > d \"e\" 'f'", "line\r\nbreak\rcr", "tab\there", "\u{01}control", "not\u{FFFE}a character",
                      "\u{FFFF}", "emoji 🌧️ e\u{301} ÅÄÖ", "]]> <![CDATA[", "&amp; already", "\u{7F}\u{85}\u{2028}", "\u{EFFFF}"])
    func awkwardTextIsWrittenAsLibxml2WroteIt(_ text: String) throws {
        let metadata = RecordMetadata(kind: .person, source: "shop", sourceKey: text, provenance: .provided, legalBasis: .contract,
                                      category: try DataCategory("profile"), collectedAt: nil)
        let record = try CanonicalRecord(kind: .person, metadata: metadata, values: ["fullName": .text(text)])
        let written = try bothWriters(.person, [record])
        #expect(written.porta == written.libxml2, "\(String(decoding: written.porta, as: UTF8.self))")
    }
}
