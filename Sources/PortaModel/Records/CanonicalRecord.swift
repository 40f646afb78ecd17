/// One canonical record: a kind, the common metadata and the kind's field values.
///
/// A record is checked when it is made: every value belongs to a field of the kind and fits its
/// type (no text is empty), every required field has a value, and the id's prefix is the kind's. So a record that
/// exists is one every writer can write and every reader will accept.
///
/// The values are held in the kind's catalogue order, one slot per field (``fieldValues``), so
/// the writers walk them beside ``RecordKind/fields`` without hashing a field name; ``values``
/// gives them by name for code off that path.
public struct CanonicalRecord: Hashable, Sendable {
    /// The record's kind.
    public let kind: RecordKind
    /// Id, source, provenance, legal basis, category, collection time.
    public let metadata: RecordMetadata
    /// The kind's field values in the order of ``RecordKind/fields``; nil where a field has none.
    public let fieldValues: [FieldValue?]

    /// The kind's field values by field name; absent fields have no entry.
    public var values: [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        for (field, value) in zip(kind.fields, fieldValues) {
            if let value { values[field.name] = value }
        }
        return values
    }

    /// Makes a record, checking the values against the kind.
    /// - Throws: ``ModelError`` with code `invalid-record`, naming the field.
    public init(kind: RecordKind, metadata: RecordMetadata, values: [String: FieldValue]) throws {
        var fieldValues = [FieldValue?](repeating: nil, count: kind.fields.count)
        for (name, value) in values {
            guard let position = kind.position(ofField: name) else {
                throw ModelError(.invalidRecord, "\(kind.name) has no field \(name)", field: name)
            }
            fieldValues[position] = value
        }
        try self.init(kind: kind, metadata: metadata, fieldValues: fieldValues)
    }

    /// Makes a record from its values in the kind's catalogue order, checking them against the kind.
    /// - Throws: ``ModelError`` with code `invalid-record`, naming the field; a programming error
    ///   (a precondition) when the count is not the kind's number of fields.
    public init(kind: RecordKind, metadata: RecordMetadata, fieldValues: [FieldValue?]) throws {
        precondition(fieldValues.count == kind.fields.count, "\(fieldValues.count) values for the \(kind.fields.count) fields of \(kind.name)")
        guard metadata.id.prefix == kind.idPrefix else {
            throw ModelError(.invalidRecord, "id prefix does not match kind \(kind.name)", field: "id")
        }
        for (field, value) in zip(kind.fields, fieldValues) {
            if let value {
                try Self.check(value, fits: field)
            } else if field.isRequired {
                throw ModelError(.invalidRecord, "required field is missing", field: field.name)
            }
        }
        if kind == .identifier { try Self.checkIdentifierValue(kind: kind, fieldValues) }
        self.kind = kind
        self.metadata = metadata
        self.fieldValues = fieldValues
    }

    /// The same values with an identifier record's personnummer or samordningsnummer
    /// normalised to 12 digits; other values are returned as they are. `referenceDate` gives a
    /// 10-digit number its century (see ``Personnummer``): pass the bundle's creation day, so
    /// the same inputs give the same bundle whenever they are exported.
    /// - Throws: ``ModelError`` `invalid-personnummer` for a number that is not valid.
    public static func normalizingIdentifierValue(_ values: [String: FieldValue], kind: RecordKind,
                                                  referenceDate: CalendarDate) throws -> [String: FieldValue] {
        guard kind == .identifier else { return values }
        var normalized = values
        normalized["value"] = try normalizedIdentifier(scheme: values["scheme"], value: values["value"], referenceDate: referenceDate)
        return normalized
    }

    /// ``normalizingIdentifierValue(_:kind:referenceDate:)`` over values in catalogue order.
    /// - Throws: ``ModelError`` `invalid-personnummer` for a number that is not valid.
    public static func normalizingIdentifierValue(_ fieldValues: [FieldValue?], kind: RecordKind,
                                                  referenceDate: CalendarDate) throws -> [FieldValue?] {
        guard kind == .identifier, let scheme = kind.position(ofField: "scheme"), let value = kind.position(ofField: "value") else {
            return fieldValues
        }
        var normalized = fieldValues
        normalized[value] = try normalizedIdentifier(scheme: fieldValues[scheme], value: fieldValues[value], referenceDate: referenceDate)
        return normalized
    }

    /// An identifier's value with a personnummer or samordningsnummer in 12 digits.
    private static func normalizedIdentifier(scheme: FieldValue?, value: FieldValue?, referenceDate: CalendarDate) throws -> FieldValue? {
        guard case .text(let scheme)? = scheme, scheme == "personnummer" || scheme == "samordningsnummer",
              case .text(let raw)? = value else { return value }
        do {
            return .text(try Personnummer(normalizing: raw, referenceDate: referenceDate).value)
        } catch let error as ModelError {
            throw error.inField("value")
        }
    }

    /// A personnummer or samordningsnummer in a record is in its 12-digit normal form.
    private static func checkIdentifierValue(kind: RecordKind, _ fieldValues: [FieldValue?]) throws {
        guard let schemePosition = kind.position(ofField: "scheme"), let valuePosition = kind.position(ofField: "value"),
              case .text(let scheme)? = fieldValues[schemePosition], scheme == "personnummer" || scheme == "samordningsnummer",
              case .text(let raw)? = fieldValues[valuePosition] else { return }
        let normal: Personnummer
        do { normal = try Personnummer(normalForm: raw) } catch let error as ModelError { throw error.inField("value") }
        if normal.value != raw {
            throw ModelError(.invalidPersonnummer, "personnummer must be written as 12 digits", field: "value")
        }
    }

    /// The record's id.
    public var id: RecordID { metadata.id }

    /// The value of a field, or nil when it has none.
    public subscript(field: String) -> FieldValue? {
        kind.position(ofField: field).flatMap { fieldValues[$0] }
    }

    private static func check(_ value: FieldValue, fits field: FieldDefinition) throws {
        func mismatch() -> ModelError {
            ModelError(.invalidRecord, "value does not fit type \(field.type.name)", field: field.name)
        }
        do {
            switch (field.type, value) {
            case (_, .text("")):
                throw ModelError(.invalidRecord, "empty text is no value: leave the field out", field: field.name)
            case (.text, .text), (.integer, .integer), (.boolean, .boolean), (.money, .money),
                 (.timestamp, .timestamp), (.date, .date):
                return
            case (.country, .text(let text)):
                guard try CountryCode(text).code == text else { throw mismatch() }
            case (.language, .text(let text)):
                guard try LanguageTag(text).tag == text else { throw mismatch() }
            case (.email, .text(let text)):
                guard try EmailAddress(normalizing: text).value == text else { throw mismatch() }
            case (.phone, .text(let text)):
                guard try PhoneNumber(normalizing: text).value == text else { throw mismatch() }
            case (.code(let allowed), .text(let text)):
                guard allowed.contains(text) else { throw mismatch() }
            case (.decimal, .text(let text)):
                guard try DecimalNumber(text).text == text else { throw mismatch() }
            case (.reference(let target), .reference(let id)):
                guard target.idPrefix == String(id.prefix) else { throw mismatch() }
            default:
                throw mismatch()
            }
        } catch let error as ModelError where error.field == nil {
            throw error.inField(field.name)
        }
    }
}
