import PortaBytes
import PortaModel

/// Reads `data/json/<kind>.json` strictly (see ``StrictJSONParser``): an array of objects whose
/// keys are metadata and fields of the kind, each at most once, with JSON types that fit.
public struct JSONRecordReader: RecordReader {
    public let kind: RecordKind
    private var parser: StrictJSONParser
    private let assembler: RecordAssembler
    private let name: String
    private var index = 0

    /// A reader of the file at `path`; `name` is what errors call it (its path in the bundle).
    public init(path: String, name: String, kind: RecordKind) throws {
        try self.init(input: ByteInput(path: path, name: name, format: .json), kind: kind)
    }

    /// A reader of bytes already read.
    public init(input: ByteInput, kind: RecordKind) throws {
        self.kind = kind
        self.name = input.name
        self.parser = StrictJSONParser(input: input)
        self.assembler = RecordAssembler(kind: kind, format: .json)
        try parser.beginArray()
    }

    public mutating func next() throws -> CanonicalRecord? {
        do {
            guard let element = try parser.nextElement() else { return nil }
            let built = try record(from: element)
            index += 1
            return built
        } catch var error as FormatError {
            error.file = name
            error.line = error.line ?? parser.elementLine
            error.record = error.record ?? index
            throw error
        }
    }

    private func record(from element: ParsedJSON) throws -> CanonicalRecord {
        guard case .object(let members) = element else {
            throw FormatError(.json, "a record is \(element.typeName), not an object")
        }
        var metadata = MetadataTexts()
        var fields = CarriedFields(kind: kind)
        for member in members {
            if let field = MetadataField(rawValue: member.key) {
                guard case .string(let text) = member.value else {
                    throw FormatError(.json, "\(field.rawValue): \(member.value.typeName), not a string")
                }
                metadata[field] = text
            } else {
                fields.set(try Self.carried(member), named: member.key)
            }
        }
        return try assembler.record(metadata: metadata, fields: fields)
    }

    private static func carried(_ member: ParsedJSON.Member) throws -> CarriedValue {
        switch member.value {
        case .string(let text): return .text(text)
        case .number(let literal): return .number(literal)
        case .boolean(let flag): return .boolean(flag)
        case .object(let parts):
            let amount = parts.first { $0.key == "amount" }?.value, currency = parts.first { $0.key == "currency" }?.value
            guard parts.count == 2, case .string(let amount)? = amount, case .string(let currency)? = currency else {
                throw FormatError(.json, "\(FormatError.quotedName(member.key)): an object that is not {\"amount\": string, \"currency\": string}")
            }
            return .money(amount: amount, currency: currency)
        case .null:
            throw FormatError(.json, "\(FormatError.quotedName(member.key)): null is not a value in porta/1; leave the key out")
        case .array:
            throw FormatError(.json, "\(FormatError.quotedName(member.key)): porta/1 has no list values")
        }
    }
}
