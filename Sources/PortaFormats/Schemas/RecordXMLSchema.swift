import PortaModel

/// The XSD of `porta/1` XML (`formats/xml/porta-1.xsd`), made from the catalogue so the
/// published schema and the writer cannot drift apart; a test keeps the file equal to this.
///
/// One root element per kind (`<kind>-records`), a complex type per kind with its metadata and
/// fields in order (optional ones `minOccurs="0"`), and one simple type per value shape. Ids
/// are not declared unique here: an identity constraint makes a streaming validator keep every
/// id in memory; the verifier checks uniqueness itself.
public enum RecordXMLSchema {
    /// The whole XSD document of `porta/1`'s kinds.
    public static func document() -> String {
        document(kinds: RecordKind.all, namespace: XMLRecordLayout.namespace,
                 comment: "porta/1 XML: data/xml/<kind>.xml of a bundle. Generated from Porta's record catalogue; see formats/porta-1.md.")
    }

    /// The XSD of a catalogue's extension kinds, in ``XMLRecordLayout/extensionNamespace``,
    /// self-contained (it repeats the shared types rather than import `porta-1.xsd`): the
    /// bundle carries it, and a verifier makes it again from the declaration to compare.
    public static func extensionDocument(for catalogue: RecordCatalogue) -> String {
        document(kinds: catalogue.extensions, namespace: XMLRecordLayout.extensionNamespace,
                 comment: "porta/1 extension kinds: data/xml/<kind>.xml of this bundle. Generated from the kinds declared in porta-manifest.json; see formats/porta-1.md.")
    }

    private static func document(kinds: [RecordKind], namespace: String, comment: String) -> String {
        let restrictionTypes = restrictionTypes(kinds)
        var lines: [String] = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<!-- \(comment) -->",
            #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:p="\#(namespace)""#,
            #"           targetNamespace="\#(namespace)" elementFormDefault="qualified">"#,
        ]
        for kind in kinds {
            let root = XMLRecordLayout.rootElement(of: kind)
            lines += [
                #"  <xs:element name="\#(root)">"#,
                #"    <xs:complexType>"#,
                #"      <xs:sequence>"#,
                #"        <xs:element name="\#(XMLRecordLayout.recordElement(of: kind))" type="p:\#(kind.name)" minOccurs="0" maxOccurs="unbounded"/>"#,
                #"      </xs:sequence>"#,
                #"    </xs:complexType>"#,
                #"  </xs:element>"#,
            ]
        }
        for kind in kinds {
            lines.append(#"  <xs:complexType name="\#(kind.name)">"#)
            lines.append(#"    <xs:sequence>"#)
            for field in MetadataField.allCases {
                lines.append(element(field.rawValue, type: typeName(field.shape(in: kind), textual: field == .sourceKey, restrictionTypes),
                                     required: field.isRequired))
            }
            for field in kind.fields {
                let type = field.type == .money ? "p:money" : typeName(ValueShape(field.type), textual: field.type == .text, restrictionTypes)
                lines.append(element(field.name, type: type, required: field.isRequired))
            }
            lines.append(#"    </xs:sequence>"#)
            lines.append(#"  </xs:complexType>"#)
        }
        lines += sharedTypes(restrictionTypes)
        lines.append("</xs:schema>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func element(_ name: String, type: String, required: Bool) -> String {
        #"      <xs:element name="\#(name)" type="\#(type)"\#(required ? "" : #" minOccurs="0""#)/>"#
    }

    /// The named type of a shape; enumerations and patterns get an anonymous restriction
    /// type named after their content.
    private static func typeName(_ shape: ValueShape, textual: Bool, _ restrictionTypes: [(name: String, shape: ValueShape)]) -> String {
        switch shape {
        case .text: textual ? "p:text" : "p:nonEmptyString"
        case .integer: "xs:long"
        case .boolean: "p:boolean"
        case .timestamp: "p:timestamp"
        case .date: "p:date"
        case .enumeration, .pattern: "p:" + restrictionTypes.first { $0.shape == shape }!.name
        }
    }

    /// Every restricted type the kinds need, with a stable name.
    private static func restrictionTypes(_ kinds: [RecordKind]) -> [(name: String, shape: ValueShape)] {
        var types: [(String, ValueShape)] = []
        func add(_ name: String, _ shape: ValueShape) {
            if !types.contains(where: { $0.1 == shape }) { types.append((name, shape)) }
        }
        for kind in kinds { add("\(kind.name)-id", MetadataField.id.shape(in: kind)) }
        for field in MetadataField.allCases where field != .id { add(field.rawValue, field.shape(in: .person)) }
        for kind in kinds {
            for field in kind.fields {
                switch field.type {
                case .code: add("\(kind.name)-\(field.name)", ValueShape(field.type))
                case .decimal, .country, .language, .email, .phone: add(field.type.name, ValueShape(field.type))
                case .reference(let target): add("\(target.kind)-id", ValueShape(field.type))
                default: break
                }
            }
        }
        return types
    }

    private static func sharedTypes(_ restrictionTypes: [(name: String, shape: ValueShape)]) -> [String] {
        var lines: [String] = [
            #"  <xs:simpleType name="nonEmptyString"><xs:restriction base="xs:string"><xs:minLength value="1"/></xs:restriction></xs:simpleType>"#,
            #"  <xs:complexType name="text">"#,
            #"    <xs:simpleContent>"#,
            #"      <xs:extension base="p:nonEmptyString">"#,
            #"        <xs:attribute name="\#(XMLCharacters.encodingAttribute)" type="p:encoding"/>"#,
            #"      </xs:extension>"#,
            #"    </xs:simpleContent>"#,
            #"  </xs:complexType>"#,
            #"  <xs:simpleType name="encoding"><xs:restriction base="xs:string"><xs:enumeration value="\#(XMLCharacters.base64)"/></xs:restriction></xs:simpleType>"#,
            #"  <xs:complexType name="money">"#,
            #"    <xs:sequence>"#,
            #"      <xs:element name="amount" type="p:amount"/>"#,
            #"      <xs:element name="currency" type="p:currency"/>"#,
            #"    </xs:sequence>"#,
            #"  </xs:complexType>"#,
            pattern("amount", ValueShape.amountPattern),
            pattern("currency", ValueShape.currencyPattern),
            pattern("timestamp", ValueShape.timestampPattern),
            pattern("date", ValueShape.datePattern),
            pattern("boolean", "true|false"),
        ]
        for (name, shape) in restrictionTypes {
            switch shape {
            case .pattern(let value): lines.append(pattern(name, value))
            case .enumeration(let values):
                let items = values.map { #"<xs:enumeration value="\#($0)"/>"# }.joined()
                lines.append(#"  <xs:simpleType name="\#(name)"><xs:restriction base="xs:string">\#(items)</xs:restriction></xs:simpleType>"#)
            default: break
            }
        }
        return lines
    }

    private static func pattern(_ name: String, _ pattern: String) -> String {
        #"  <xs:simpleType name="\#(name)"><xs:restriction base="xs:string"><xs:pattern value="\#(pattern)"/></xs:restriction></xs:simpleType>"#
    }
}
