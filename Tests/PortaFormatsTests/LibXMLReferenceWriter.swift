import CLibXML2
import Foundation
import PortaBytes
import PortaFormats
import PortaModel

/// The XML record writer as Porta had it until it wrote the bytes itself: libxml2's
/// `xmlTextWriter`, kept here so a test holds Porta's own writer to the same bytes.
///
/// libxml2 writes into a memory buffer that is handed to the sink whenever it passes 64 KiB,
/// so memory stays flat. The output has no varying whitespace: the same records give the same
/// bytes.
struct LibXMLReferenceWriter<Sink: ByteSink>: RecordWriter {
    /// The kind this writer takes.
    let kind: RecordKind
    /// The sink the bytes go to.
    private(set) var sink: Sink
    private(set) var recordCount = 0
    private let writer: LibXMLTextWriter
    private let flushThreshold = 64 * 1024

    /// A writer of `kind` into `sink`; the XML declaration and root start tag come at once.
    init(kind: RecordKind, sink: Sink) throws {
        self.kind = kind
        self.sink = sink
        self.writer = try LibXMLTextWriter()
        try writer.check(xmlTextWriterStartDocument(writer.pointer, "1.0", "UTF-8", nil))
        try writer.startElement(XMLRecordLayout.rootElement(of: kind))
        try writer.check(xmlTextWriterWriteAttribute(writer.pointer, "xmlns", XMLRecordLayout.namespace(of: kind)))
    }

    mutating func write(_ record: CanonicalRecord) throws {
        precondition(record.kind == kind, "a \(record.kind) record given to the \(kind) writer")
        try writer.raw("\n")
        try writer.startElement(XMLRecordLayout.recordElement(of: kind))
        for field in MetadataField.allCases {
            guard let text = field.text(of: record.metadata) else { continue }
            try writeText(field.rawValue, text)
        }
        for field in kind.fields {
            guard let value = record.values[field.name] else { continue }
            if case .money(let money) = value {
                try writer.startElement(field.name)
                try writer.element("amount", money.amount)
                try writer.element("currency", money.currency.code)
                try writer.endElement()
            } else {
                try writeText(field.name, value.lexicalForm)
            }
        }
        try writer.endElement()
        recordCount += 1
        if writer.bufferedBytes >= flushThreshold { try flush() }
    }

    mutating func finish() throws {
        try writer.raw("\n")
        try writer.endElement()
        try writer.check(xmlTextWriterEndDocument(writer.pointer))
        try flush()
    }

    private func writeText(_ name: String, _ text: String) throws {
        guard XMLCharacters.canCarry(text) else {
            try writer.startElement(name)
            try writer.check(xmlTextWriterWriteAttribute(writer.pointer, XMLCharacters.encodingAttribute, XMLCharacters.base64))
            try writer.check(xmlTextWriterWriteString(writer.pointer, Data(text.utf8).base64EncodedString()))
            return try writer.endElement()
        }
        try writer.element(name, text)
    }

    private mutating func flush() throws {
        try writer.drain { try sink.write($0) }
    }
}

/// An `xmlTextWriter` over an `xmlBuffer`, freed with the object.
final class LibXMLTextWriter {
    let pointer: xmlTextWriterPtr
    private let buffer: xmlBufferPtr

    init() throws {
        xmlInitParser()
        guard let buffer = xmlBufferCreate() else { throw FormatError(.xml, "libxml2 could not make a buffer") }
        guard let pointer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw FormatError(.xml, "libxml2 could not make a writer")
        }
        self.buffer = buffer
        self.pointer = pointer
    }

    deinit {
        xmlFreeTextWriter(pointer)
        xmlBufferFree(buffer)
    }

    var bufferedBytes: Int { Int(xmlBufferLength(buffer)) }

    func check(_ status: Int32) throws {
        guard status >= 0 else { throw FormatError(.xml, "libxml2 could not write the XML") }
    }

    func startElement(_ name: String) throws { try check(xmlTextWriterStartElement(pointer, name)) }
    func endElement() throws { try check(xmlTextWriterEndElement(pointer)) }
    func raw(_ text: String) throws { try check(xmlTextWriterWriteRaw(pointer, text)) }
    func element(_ name: String, _ text: String) throws { try check(xmlTextWriterWriteElement(pointer, name, text)) }

    /// Flushes the writer and hands what the buffer holds to `body`, then empties it.
    func drain(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try check(xmlTextWriterFlush(pointer))
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return }
        try body(UnsafeRawBufferPointer(start: content, count: count))
        xmlBufferEmpty(buffer)
    }
}
