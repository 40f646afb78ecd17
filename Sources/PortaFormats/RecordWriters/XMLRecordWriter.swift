import Foundation
import PortaBytes
import PortaModel

/// Writes the records of one kind as `data/xml/<kind>.xml`, valid against
/// `formats/xml/porta-1.xsd` (see ``XMLRecordLayout`` and ``XMLCharacters``).
///
/// The writer emits the bytes itself: the XML declaration, the root element with its namespace,
/// then per record a line break and one element holding the metadata elements and the kind's
/// fields in catalogue order, and a line break and the root's end tag to finish. Character data
/// is escaped as libxml2's `xmlTextWriter` escapes it (``XMLCharacterData``), which wrote these
/// files before and gives the same bytes; a test holds the two to that. Reading and validation
/// stay libxml2's. Bytes go to the sink whenever 64 KiB are buffered, so memory stays flat, and
/// the same records give the same bytes.
public struct XMLRecordWriter<Sink: ByteSink>: RecordWriter {
    /// The kind this writer takes.
    public let kind: RecordKind
    /// The sink the bytes go to.
    public private(set) var sink: Sink
    public private(set) var recordCount = 0
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024
    private let recordTags: ElementTags
    private let fieldTags: [ElementTags]
    private let rootEnd: [UInt8]

    /// A writer of `kind` into `sink`; the XML declaration and root start tag come at once.
    public init(kind: RecordKind, sink: Sink) {
        self.kind = kind
        self.sink = sink
        recordTags = ElementTags(XMLRecordLayout.recordElement(of: kind))
        fieldTags = kind.fields.map { ElementTags($0.name) }
        let root = XMLRecordLayout.rootElement(of: kind)
        rootEnd = Array("\n</\(root)>\n".utf8)
        buffer.reserveCapacity(flushThreshold + 4096)
        buffer += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(root) xmlns=\"".utf8
        var namespace = XMLRecordLayout.namespace(of: kind)
        namespace.withUTF8 { XMLCharacterData.append($0, to: &buffer) }
        buffer += "\">".utf8
    }

    public mutating func write(_ record: CanonicalRecord) throws {
        precondition(record.kind == kind, "a \(record.kind) record given to the \(kind) writer")
        buffer.append(0x0A)
        buffer += recordTags.start
        let metadataTags = ElementTags.metadata
        for (position, field) in MetadataField.allCases.enumerated() {
            guard let text = field.text(of: record.metadata) else { continue }
            appendElement(metadataTags[position], text)
        }
        for (tags, value) in zip(fieldTags, record.fieldValues) {
            guard let value else { continue }
            if case .money(let money) = value {
                buffer += tags.start
                appendElement(ElementTags.amount, money.amount)
                appendElement(ElementTags.currency, money.currency.code)
                buffer += tags.end
            } else {
                appendElement(tags, value.lexicalForm)
            }
        }
        buffer += recordTags.end
        recordCount += 1
        if buffer.count >= flushThreshold { try flush() }
    }

    public mutating func finish() throws {
        buffer += rootEnd
        try flush()
    }

    /// One element of text; text XML cannot carry is written as the Base64 of its UTF-8 bytes.
    private mutating func appendElement(_ tags: ElementTags, _ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            if XMLCharacterData.canCarry(utf8) {
                buffer += tags.start
                XMLCharacterData.append(utf8, to: &buffer)
            } else {
                buffer += tags.start.dropLast()
                buffer += " \(XMLCharacters.encodingAttribute)=\"\(XMLCharacters.base64)\">".utf8
                buffer += Data(utf8).base64EncodedString().utf8
            }
        }
        buffer += tags.end
    }

    private mutating func flush() throws {
        try buffer.withUnsafeBytes { try sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// An element's start and end tags, as bytes made once.
private struct ElementTags {
    let start: [UInt8]
    let end: [UInt8]

    init(_ name: String) {
        start = Array("<\(name)>".utf8)
        end = Array("</\(name)>".utf8)
    }

    static let metadata = MetadataField.allCases.map { ElementTags($0.rawValue) }
    static let amount = ElementTags("amount")
    static let currency = ElementTags("currency")
}

extension RecordWriter {
    /// An XML writer of `kind` into `sink`, so call sites read `.xml(kind:sink:)`.
    public static func xml<Sink: ByteSink>(kind: RecordKind, sink: Sink) -> XMLRecordWriter<Sink>
    where Self == XMLRecordWriter<Sink> {
        XMLRecordWriter(kind: kind, sink: sink)
    }
}
