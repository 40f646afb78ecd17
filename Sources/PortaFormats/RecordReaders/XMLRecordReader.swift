import CLibXML2
import Foundation
import PortaBytes
import PortaModel

/// Reads `data/xml/<kind>.xml` with libxml2's streaming `xmlTextReader`, validating it against
/// the pinned XSD (``XMLRecordSchema``) as it goes: never a tree of the whole file.
///
/// libxml2 parses and validates ahead of the node the reader stands on, so an error can
/// arrive before its record is reached: the reader then reads on to the error's line to name
/// the record it is in.
///
/// Safe on hostile input: no network (`XML_PARSE_NONET`), no DTD loading, no entity
/// substitution (a billion-laughs file fails at once); a DOCTYPE or an entity reference
/// anywhere is an error. Errors give the file, line and record, never a value.
public final class XMLRecordReader: RecordReader {
    public let kind: RecordKind
    private let name: String
    private let path: String
    private let reader: xmlTextReaderPtr
    private let errors = XMLErrorCollector()
    private let assembler: RecordAssembler
    private var index = 0
    private var recordsStarted = 0
    private var finished = false

    /// A reader of the file at `path`; `name` is what errors call it (its path in the bundle).
    public init(path: String, name: String, kind: RecordKind, schema: XMLRecordSchema = .pinned) throws {
        LibXML2.initialize()
        porta_xml_silence_generic_errors()
        guard let reader = xmlReaderForFile(path, nil, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)) else {
            throw FormatError(.xml, "cannot open the file", file: name)
        }
        self.kind = kind
        self.name = name
        self.path = path
        self.reader = reader
        self.assembler = RecordAssembler(kind: kind, format: .xml)
        // The handler must be set before the schema: the other order crashes libxml2 2.9.14.
        xmlTextReaderSetStructuredErrorHandler(reader, XMLErrorCollector.callback, errors.context)
        guard xmlTextReaderSetSchema(reader, schema.pointer) == 0 else {
            throw FormatError(.xml, "libxml2 could not attach the schema", file: name)
        }
    }

    deinit { xmlFreeTextReader(reader) }

    public func next() throws -> CanonicalRecord? {
        guard !finished else { return nil }
        xmlSetStructuredErrorFunc(errors.context, XMLErrorCollector.callback)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        var record = PartialRecord(fields: CarriedFields(kind: kind))
        while true {
            let status = xmlTextReaderRead(reader)
            try throwCollectedError()
            if status == 0 {
                finished = true
                guard xmlTextReaderIsValid(reader) == 1 else { throw failure("the file is not valid against \(kind.isExtension ? "the bundle's extension XSD" : "porta-1.xsd")") }
                guard record.depth == nil else { throw failure("the file ends inside a record") }
                return nil
            }
            guard status == 1 else { throw failure("the file is not well-formed XML") }
            if let done = try step(&record) {
                defer { index += 1 }
                do {
                    return try assembler.record(metadata: done.metadata, fields: done.fields)
                } catch var error as FormatError {
                    error.file = name
                    error.line = line
                    error.record = index
                    throw error
                }
            }
        }
    }

    /// Handles one node; returns the record when its end tag is read.
    private func step(_ record: inout PartialRecord) throws -> PartialRecord? {
        let depth = Int(xmlTextReaderDepth(reader))
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
            finished = true
            throw FormatError(.xml, "a DOCTYPE is not allowed in porta/1 XML", file: name, line: doctypeLine(), record: index)
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue), Int32(XML_READER_TYPE_ENTITY.rawValue):
            throw failure("an entity reference is not allowed in porta/1 XML")
        case Int32(XML_READER_TYPE_ELEMENT.rawValue):
            let element = localName()
            let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
            switch depth {
            case 0:
                guard element == XMLRecordLayout.rootElement(of: kind), namespace() == XMLRecordLayout.namespace(of: kind) else {
                    throw failure("the root element is not \(XMLRecordLayout.rootElement(of: kind)) in \(XMLRecordLayout.namespace(of: kind))")
                }
            case 1:
                guard element == XMLRecordLayout.recordElement(of: kind) else { throw failure("an element that is not a \(kind.name) record") }
                recordsStarted += 1
                record = PartialRecord(fields: CarriedFields(kind: kind))
                record.depth = 1
                if isEmpty { return record }
            case 2:
                record.field = element
                record.text = []
                record.isBase64 = attribute(XMLCharacters.encodingAttribute) == XMLCharacters.base64
                record.moneyParts = [:]
                if isEmpty { try record.finishField(base64Decoder: decodeBase64) }
            case 3:
                record.part = element
                record.text = []
            default:
                throw failure("elements nest too deep for porta/1")
            }
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int32(XML_READER_TYPE_WHITESPACE.rawValue):
            if depth >= 3, let value = xmlTextReaderConstValue(reader) {
                record.text.append(contentsOf: UnsafeBufferPointer(start: value, count: strlen(value)))
            }
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
            switch depth {
            case 3:
                record.moneyParts[record.part ?? ""] = String(decoding: record.text, as: UTF8.self)
                record.text = []
            case 2:
                try record.finishField(base64Decoder: decodeBase64)
            case 1:
                return record
            default: break
            }
        default:
            break
        }
        return nil
    }

    private var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    private func localName() -> String {
        xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
    }

    private func namespace() -> String {
        xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } ?? ""
    }

    private func attribute(_ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { porta_xml_free(value) }
        return String(cString: value)
    }

    private func decodeBase64(_ text: String) throws -> String {
        guard let data = Data(base64Encoded: text), let decoded = String(validating: data, as: UTF8.self) else {
            throw failure("a value marked base64 is not Base64 of UTF-8 text")
        }
        return decoded
    }

    private func throwCollectedError() throws {
        guard let first = errors.first else { return }
        finished = true
        let errorLine = first.line > 0 ? first.line : line
        throw FormatError(.xml, first.message, file: name, line: errorLine, record: recordIndex(atLine: errorLine))
    }

    /// The index of the record an error on `errorLine` is in: the last record element that
    /// starts on or before that line, reading on from the cursor if need be.
    private func recordIndex(atLine errorLine: Int) -> Int {
        var started = recordsStarted
        while xmlTextReaderRead(reader) == 1 {
            guard xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue), xmlTextReaderDepth(reader) == 1 else { continue }
            guard Int(xmlGetLineNo(xmlTextReaderCurrentNode(reader))) <= errorLine else { break }
            started += 1
        }
        return max(started - 1, 0)
    }

    /// The line the DOCTYPE starts on. The parser has read the whole internal subset, and
    /// often more, before the reader stands on it, so its line number is past the DOCTYPE: the
    /// first line up to there that holds `<!DOCTYPE` is. (A comment before it that holds the
    /// same text would be named instead: the line is still inside the prolog.)
    private func doctypeLine() -> Int {
        let parserLine = line
        guard let file = fopen(path, "r") else { return parserLine }
        defer { fclose(file) }
        let pattern = Array("<!DOCTYPE".utf8)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var number = 1, matched = 0
        while number <= parserLine {
            let count = fread(&chunk, 1, chunk.count, file)
            guard count > 0 else { break }
            for byte in chunk[..<count] {
                if byte == UInt8(ascii: "\n") { number += 1 }
                matched = byte == pattern[matched] ? matched + 1 : (byte == pattern[0] ? 1 : 0)
                if matched == pattern.count { return number }
            }
        }
        return parserLine
    }

    private func failure(_ message: String) -> FormatError {
        finished = true
        return FormatError(.xml, message, file: name, line: line, record: index)
    }
}

/// What has been read of the record being read.
private struct PartialRecord {
    var depth: Int?
    var metadata = MetadataTexts()
    var fields: CarriedFields
    var field: String?
    var part: String?
    var text: [UInt8] = []
    var isBase64 = false
    var moneyParts: [String: String] = [:]

    mutating func finishField(base64Decoder: (String) throws -> String) throws {
        guard let field else { return }
        defer { self.field = nil; text = [] }
        if !moneyParts.isEmpty {
            fields.set(.money(amount: moneyParts["amount"] ?? "", currency: moneyParts["currency"] ?? ""), named: field)
            return
        }
        var value = String(decoding: text, as: UTF8.self)
        if isBase64 { value = try base64Decoder(value) }
        if let metadataField = MetadataField(rawValue: field) {
            metadata[metadataField] = value
        } else {
            fields.set(.text(value), named: field)
        }
    }
}

/// Keeps the first error libxml2 reports through a structured error handler.
final class XMLErrorCollector {
    var first: (line: Int, message: String)?

    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static let callback: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let collector = Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue()
        guard collector.first == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "libxml2 reported an error"
        collector.first = (Int(error.pointee.line), XMLErrorText.clean(message))
    }
}
