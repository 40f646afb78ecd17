import PortaBytes
import PortaModel

/// Turns the values a file carries into a ``CanonicalRecord``, strictly: every value must be
/// in the exact form Porta writes (a timestamp in UTC with `Z`, a personnummer in 12 digits,
/// an e-mail domain in lower case), so reading and writing again gives the same bytes.
///
/// Shared by the JSON, CSV and XML readers, so all three accept exactly the same records.
/// Errors name the field, never its value.
public struct RecordAssembler: Sendable {
    /// The kind of the records.
    public let kind: RecordKind
    /// Whether numbers and booleans arrive as text (CSV, XML) rather than typed (JSON).
    public let textOnly: Bool
    private let format: FormatError.Format

    public init(kind: RecordKind, format: FormatError.Format) {
        self.kind = kind
        self.format = format
        self.textOnly = format != .json
    }

    /// Builds a record from its metadata texts and its field values.
    /// - Throws: ``FormatError`` without a location (the reader adds it), naming the field.
    public func record(metadata: MetadataTexts, fields: CarriedFields) throws -> CanonicalRecord {
        let recordID = metadata[.id]
        do {
            let built = try self.metadata(metadata)
            if let name = fields.unknown {
                throw problem("\(kind.name) has no field \(FormatError.quotedName(name))")
            }
            var values = [FieldValue?](repeating: nil, count: kind.fields.count)
            for (position, carried) in fields.values.enumerated() {
                guard let carried else { continue }
                values[position] = try value(carried, for: kind.fields[position])
            }
            return try CanonicalRecord(kind: kind, metadata: built, fieldValues: values)
        } catch var error as FormatError {
            error.recordID = error.recordID ?? recordID.flatMap { try? RecordID(validating: $0).rawValue }
            throw error
        } catch let error as ModelError {
            throw FormatError(format, error.description, recordID: recordID.flatMap { try? RecordID(validating: $0).rawValue })
        }
    }

    private func metadata(_ texts: MetadataTexts) throws -> RecordMetadata {
        func required(_ field: MetadataField) throws -> String {
            guard let text = texts[field], !text.isEmpty else { throw problem("\(field.rawValue): required metadata is missing") }
            return text
        }
        let id = try RecordID(validating: try required(.id))
        let source = try required(.source), sourceKey = try required(.sourceKey)
        guard let provenance = Provenance(rawValue: try required(.provenance)) else {
            throw problem("provenance: not one of \(Provenance.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let legalBasis = LegalBasis(rawValue: try required(.legalBasis)) else {
            throw problem("legalBasis: not one of \(LegalBasis.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let category = try DataCategory(try required(.category))
        let collectedAt = try texts[.collectedAt].map { try timestamp($0, field: "collectedAt") }
        let metadata = RecordMetadata(kind: kind, source: source, sourceKey: sourceKey, provenance: provenance,
                                      legalBasis: legalBasis, category: category, collectedAt: collectedAt)
        guard metadata.id == id else { throw problem("id: does not derive from source, kind and sourceKey") }
        for field in MetadataField.allCases where field.isDPVTerm && texts[field] != field.text(of: metadata) {
            throw problem("\(field.rawValue): not the DPV term of the record's \(field == .dpvCategory ? "category" : field == .dpvProvenance ? "provenance" : "legal basis")")
        }
        return metadata
    }

    private func value(_ carried: CarriedValue, for field: FieldDefinition) throws -> FieldValue {
        switch (field.type, carried) {
        case (.money, .money(let amount, let currency)):
            let money = try Money(amount: amount, currency: currency)
            guard money.amount == amount, money.currency.code == currency else { throw notCanonical(field) }
            return .money(money)
        case (.money, _):
            throw problem("\(field.name): expected money (amount and currency)")
        case (.integer, .number(let literal)) where !textOnly, (.integer, .text(let literal)) where textOnly:
            guard Self.isCanonicalInteger(literal), let number = Int64(literal) else {
                throw problem("\(field.name): not a whole number in 64 bits, written plainly")
            }
            return .integer(number)
        case (.boolean, .boolean(let flag)) where !textOnly:
            return .boolean(flag)
        case (.boolean, .text(let text)) where textOnly:
            guard text == "true" || text == "false" else { throw problem("\(field.name): not true or false") }
            return .boolean(text == "true")
        case (_, .text(let text)):
            return try textValue(text, for: field)
        default:
            throw problem("\(field.name): wrong type for \(field.type.name)")
        }
    }

    private func textValue(_ text: String, for field: FieldDefinition) throws -> FieldValue {
        switch field.type {
        case .text:
            guard !text.isEmpty else { throw problem("\(field.name): empty text; leave the field out") }
            return .text(text)
        case .timestamp: return .timestamp(try timestamp(text, field: field.name))
        case .date:
            let date = try CalendarDate(parsing: text)
            guard date.description == text else { throw notCanonical(field) }
            return .date(date)
        case .reference:
            return .reference(try RecordID(validating: text))
        case .decimal, .country, .language, .email, .phone, .code:
            guard try field.type.value(from: .text(text), referenceSource: "") == .text(text) else { throw notCanonical(field) }
            return .text(text)
        case .integer, .boolean, .money:
            throw problem("\(field.name): wrong type for \(field.type.name)")
        }
    }

    private func timestamp(_ text: String, field: String) throws -> Timestamp {
        let time = try Timestamp(parsing: text)
        guard time.description == text else { throw problem("\(field): not in Porta's form (UTC, Z, no trailing zeros)") }
        return time
    }

    static func isCanonicalInteger(_ literal: String) -> Bool {
        var digits = Substring(literal)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard let first = digits.first, digits.allSatisfy({ $0.isASCII && $0.isWholeNumber }) else { return false }
        return first != "0" || digits.count == 1
    }

    private func notCanonical(_ field: FieldDefinition) -> FormatError {
        problem("\(field.name): not in the normal form of \(field.type.name)")
    }

    private func problem(_ message: String) -> FormatError {
        FormatError(format, message)
    }
}
