/// Extension kinds: a controller's own record kinds, declared in its config and carried in
/// every bundle that holds their records (`formats/porta-1.md`, "Extension kinds").
extension RecordKind {
    /// The names a kind's field may not take: the metadata every record carries.
    public static let metadataFieldNames: Set<String> = [
        "id", "source", "sourceKey", "provenance", "legalBasis", "category",
        "dpvProvenance", "dpvLegalBasis", "dpvCategory", "collectedAt",
    ]
    /// The most fields an extension kind may have, and the most values a code field may list.
    public static let maximumDeclaredFields = 64
    public static let maximumCodeValues = 200

    /// An extension kind, checked against the rules every declaration follows. Whether its
    /// name and prefix are free and its references resolve is the ``RecordCatalogue``'s check.
    ///
    /// - `name`: lower-case words joined by `-` (`membership`, `device-reading`), at most 40.
    /// - `idPrefix`: 3 to 8 lower-case letters.
    /// - `title`: text for people, 1 to 80 characters, no control characters.
    /// - `fields`: 1 to 64, each named in camelCase (ASCII letter first, then letters and
    ///   digits, at most 64), none a metadata name, none twice, each with a summary; a code
    ///   field lists 1 to 200 distinct lower-case tokens.
    /// - Throws: ``ModelError`` `invalid-kind-declaration`, naming the part in `field`.
    public static func declared(name: String, idPrefix: String, title: String,
                                fields: [FieldDefinition]) throws -> RecordKind {
        func fail(_ message: String, _ part: String) -> ModelError { ModelError(.invalidKindDeclaration, message, field: part) }
        guard isKindName(name) else { throw fail("must be lower-case words joined by -, at most 40 characters", "name") }
        guard (3...8).contains(idPrefix.utf8.count), idPrefix.utf8.allSatisfy({ (0x61...0x7A).contains($0) }) else {
            throw fail("must be 3 to 8 lower-case letters", "idPrefix")
        }
        guard isTitle(title) else { throw fail("must be 1 to 80 characters of text without control characters", "title") }
        guard (1...maximumDeclaredFields).contains(fields.count) else {
            throw fail("must declare 1 to \(maximumDeclaredFields) fields", "fields")
        }
        var seen: Set<String> = []
        for field in fields {
            guard isFieldName(field.name) else {
                throw fail("a field name must be camelCase: an ASCII letter, then letters and digits, at most 64", "fields")
            }
            let part = "fields.\(field.name)"
            guard !metadataFieldNames.contains(field.name) else { throw fail("is the name of a metadata field", part) }
            guard seen.insert(field.name).inserted else { throw fail("is declared twice", part) }
            guard isTitle(field.summary, maximum: 500) else { throw fail("needs a summary of 1 to 500 characters", part) }
            if case .code(let values) = field.type {
                guard (1...maximumCodeValues).contains(values.count), Set(values).count == values.count,
                      values.allSatisfy(isCodeValue) else {
                    throw fail("a code lists 1 to \(maximumCodeValues) distinct lower-case tokens (letters, digits, -)", part)
                }
            }
        }
        return RecordKind(name: name, idPrefix: idPrefix, title: title, fields: fields, isExtension: true)
    }

    /// Whether `text` can name a kind: lower-case ASCII words joined by single `-`, 1 to 40 characters.
    public static func isKindName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...40).contains(bytes.count), bytes.first != 0x2D, bytes.last != 0x2D else { return false }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || $0 == 0x2D }
            && !zip(bytes, bytes.dropFirst()).contains { $0 == 0x2D && $1 == 0x2D }
    }

    static func isFieldName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count), (0x61...0x7A).contains(bytes[0]) else { return false }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }

    static func isCodeValue(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count), bytes.first != 0x2D, bytes.last != 0x2D else { return false }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    static func isTitle(_ text: String, maximum: Int = 80) -> Bool {
        (1...maximum).contains(text.count) && text.trimmingWhitespace() == text
            && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

extension FieldType {
    /// The type names a declaration may use, as ``name`` gives them.
    public static let declarableNames = ["text", "integer", "decimal", "boolean", "money", "timestamp", "date",
                                         "country", "language", "email", "phone", "code", "reference"]

    /// The type a declaration names: `values` for a `code`, `target` for a `reference`, which
    /// only those two take. Nil for a name ``declarableNames`` does not hold, or a missing or
    /// stray `values` or `target`.
    public static func declared(_ name: String, values: [String]?, target: ReferenceTarget?) -> FieldType? {
        switch name {
        case "code": return target == nil ? values.map(FieldType.code) : nil
        case "reference": return values == nil ? target.map(FieldType.reference) : nil
        default: break
        }
        guard values == nil, target == nil else { return nil }
        switch name {
        case "text": return .text
        case "integer": return .integer
        case "decimal": return .decimal
        case "boolean": return .boolean
        case "money": return .money
        case "timestamp": return .timestamp
        case "date": return .date
        case "country": return .country
        case "language": return .language
        case "email": return .email
        case "phone": return .phone
        default: return nil
        }
    }
}
