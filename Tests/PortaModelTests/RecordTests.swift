import PortaModel
import PortaTestSupport
import Testing

@Suite struct RecordTests {
    func metadata(_ kind: RecordKind, key: String = "1", provenance: Provenance = .provided,
                  basis: LegalBasis = .contract) throws -> RecordMetadata {
        RecordMetadata(kind: kind, source: "shop", sourceKey: key, provenance: provenance, legalBasis: basis,
                       category: try DataCategory("purchase"), collectedAt: nil)
    }

    @Test func idsAreDeterministicFromSourceKindAndKey() throws {
        let first = RecordID(source: "shop", kind: .order, sourceKey: "1001")
        #expect(first == RecordID(source: "shop", kind: .order, sourceKey: "1001"))
        #expect(first != RecordID(source: "crm", kind: .order, sourceKey: "1001"))
        #expect(first != RecordID(source: "shop", kind: .review, sourceKey: "1001"))
        #expect(first != RecordID(source: "shop", kind: .order, sourceKey: "1002"))
        #expect(first.rawValue.hasPrefix("ord_"))
        #expect(try RecordID(validating: first.rawValue) == first)
    }

    @Test func idsDoNotRevealTheirKey() {
        let id = RecordID(source: "crm", kind: .person, sourceKey: "anna@example.se")
        #expect(!id.rawValue.contains("anna"))
    }

    @Test(arguments: ["ord-123", "ORD_0123456789abcdef0123456789abcdef", "ord_0123", "ord_0123456789ABCDEF0123456789ABCDEF"])
    func rejectsMalformedIds(_ text: String) {
        #expect(throws: ModelError.self) { try RecordID(validating: text) }
    }

    @Test func aRecordNeedsItsRequiredFields() throws {
        #expect(throws: ModelError.self) {
            try CanonicalRecord(kind: .order, metadata: try metadata(.order), values: ["orderNumber": .text("EB-1")])
        }
    }

    @Test func aValueMustFitItsFieldsType() throws {
        let person = RecordID(source: "shop", kind: .person, sourceKey: "1")
        var values: [String: FieldValue] = ["person": .reference(person), "orderNumber": .text("EB-1"),
                                            "placedAt": .text("yesterday")]
        #expect(throws: ModelError.self) { try CanonicalRecord(kind: .order, metadata: try metadata(.order), values: values) }
        values["placedAt"] = .timestamp(Timestamp(seconds: 0))
        #expect(try CanonicalRecord(kind: .order, metadata: try metadata(.order), values: values).values.count == 3)
    }

    @Test func referencesMustPointAtTheRightKind() throws {
        let wrong = RecordID(source: "shop", kind: .review, sourceKey: "1")
        #expect(throws: ModelError.self) {
            try CanonicalRecord(kind: .order, metadata: try metadata(.order),
                       values: ["person": .reference(wrong), "orderNumber": .text("EB-1"), "placedAt": .timestamp(Timestamp(seconds: 0))])
        }
    }

    @Test func emptyTextIsNoValueAndIsRefused() throws {
        #expect(throws: ModelError.self) {
            try CanonicalRecord(kind: .person, metadata: try metadata(.person), values: ["fullName": .text("")])
        }
        #expect(try FieldType.text.value(from: .text(""), referenceSource: "shop") == nil)
        #expect(try FieldType.text.value(from: .text(" "), referenceSource: "shop") == .text(" "))
    }

    @Test func unknownFieldsAreRefused() throws {
        #expect(throws: ModelError.self) {
            try CanonicalRecord(kind: .person, metadata: try metadata(.person), values: ["shoeSize": .integer(42)])
        }
    }

    @Test func identifierRecordsHoldPersonnummerAsTwelveDigits() throws {
        let person = RecordID(source: "shop", kind: .person, sourceKey: "1")
        var values: [String: FieldValue] = ["person": .reference(person), "scheme": .text("personnummer"),
                                            "value": .text("850312-1231")]
        #expect(throws: ModelError.self) { try CanonicalRecord(kind: .identifier, metadata: try metadata(.identifier), values: values) }
        values = try CanonicalRecord.normalizingIdentifierValue(values, kind: .identifier, referenceDate: SampleSubject.day)
        #expect(values["value"] == .text("198503121231"))
        #expect(try CanonicalRecord(kind: .identifier, metadata: try metadata(.identifier), values: values).kind == .identifier)
    }

    @Test func everyKindHasAUniqueNameAndPrefix() {
        #expect(Set(RecordKind.all.map(\.name)).count == RecordKind.all.count)
        #expect(Set(RecordKind.all.map(\.idPrefix)).count == RecordKind.all.count)
        for kind in RecordKind.all {
            for case .reference(let target) in kind.fields.map(\.type) {
                #expect(RecordKind(named: target.kind)?.idPrefix == target.idPrefix, "\(kind.name) refers to unknown kind \(target.kind)")
            }
        }
    }
}
