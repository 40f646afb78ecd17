import PortaModel
import Testing

/// A controller's own record kinds: what a declaration may say, and how a catalogue holds them.
@Suite struct ExtensionKindDeclarationTests {
    let person = FieldDefinition("person", .reference(to: .person), required: true, "The member.")
    let plan = FieldDefinition("plan", .code(["gold", "silver"]), required: true, "The plan.")

    func refusal(name: String = "membership", idPrefix: String = "mbr", title: String = "Membership",
                 fields: [FieldDefinition]? = nil) -> ModelError? {
        do {
            _ = try RecordKind.declared(name: name, idPrefix: idPrefix, title: title, fields: fields ?? [person, plan])
            return nil
        } catch { return error as? ModelError }
    }

    @Test func aWellFormedDeclarationIsAnExtensionKind() throws {
        let kind = try RecordKind.declared(name: "device-reading", idPrefix: "dvr", title: "Device reading", fields: [person, plan])
        #expect(kind.isExtension)
        #expect(kind.fields.map(\.name) == ["person", "plan"])
        #expect(!RecordKind.person.isExtension)
    }

    @Test(arguments: ["Membership", "member_ship", "-membership", "membership-", "member--ship", "", String(repeating: "a", count: 41)])
    func aKindNameIsLowerCaseWordsJoinedByHyphens(_ name: String) {
        #expect(refusal(name: name)?.field == "name")
    }

    @Test(arguments: ["mb", "mbrmbrmbr", "MBR", "mb1"])
    func anIdPrefixIsThreeToEightLowerCaseLetters(_ prefix: String) {
        #expect(refusal(idPrefix: prefix)?.field == "idPrefix")
    }

    @Test func aFieldMayNotTakeTheNameOfAMetadataField() {
        let error = refusal(fields: [FieldDefinition("source", .text, "Where.")])
        #expect(error?.code == .invalidKindDeclaration && error?.field == "fields.source")
    }

    @Test func aFieldIsDeclaredOnce() {
        #expect(refusal(fields: [plan, plan])?.field == "fields.plan")
    }

    @Test(arguments: ["plan_type", "Plan", "2plan", "plan-type"])
    func aFieldNameIsCamelCase(_ name: String) {
        #expect(refusal(fields: [FieldDefinition(name, .text, "A plan.")])?.field == "fields")
    }

    @Test func aCodeListsDistinctLowerCaseTokens() {
        #expect(refusal(fields: [FieldDefinition("plan", .code([]), "The plan.")])?.field == "fields.plan")
        #expect(refusal(fields: [FieldDefinition("plan", .code(["gold", "gold"]), "The plan.")])?.field == "fields.plan")
        #expect(refusal(fields: [FieldDefinition("plan", .code(["Gold"]), "The plan.")])?.field == "fields.plan")
    }

    @Test func everyFieldSaysWhatItHolds() {
        #expect(refusal(fields: [FieldDefinition("plan", .text, "")])?.field == "fields.plan")
    }

    @Test func theDeclarableTypesAreThoseOfPorta1AndDecimal() {
        for name in FieldType.declarableNames where name != "code" && name != "reference" {
            #expect(FieldType.declared(name, values: nil, target: nil)?.name == name)
        }
        #expect(FieldType.declared("code", values: ["a"], target: nil) == .code(["a"]))
        #expect(FieldType.declared("code", values: nil, target: nil) == nil)
        #expect(FieldType.declared("text", values: ["a"], target: nil) == nil)
        #expect(FieldType.declared("reference", values: nil, target: nil) == nil)
        #expect(FieldType.declared("float", values: nil, target: nil) == nil)
    }
}

@Suite struct RecordCatalogueTests {
    func kind(_ name: String, _ prefix: String, _ fields: [FieldDefinition]? = nil) throws -> RecordKind {
        try RecordKind.declared(name: name, idPrefix: prefix, title: "A kind",
                                fields: fields ?? [FieldDefinition("person", .reference(to: .person), required: true, "Who.")])
    }

    @Test func porta1sKindsComeFirstThenTheExtensionsInDeclarationOrder() throws {
        let catalogue = try RecordCatalogue(extensions: [try kind("membership", "mbr"), try kind("booking", "bkg")])
        #expect(catalogue.kinds.map(\.name) == RecordKind.all.map(\.name) + ["membership", "booking"])
        #expect(catalogue.extensions.map(\.name) == ["membership", "booking"])
        #expect(catalogue.kind(named: "booking")?.idPrefix == "bkg")
        #expect(RecordCatalogue.porta1.kind(named: "booking") == nil)
    }

    @Test func anExtensionMayNotTakeAKindsNameOrPrefix() throws {
        #expect(throws: ModelError.self) { try RecordCatalogue(extensions: [try kind("order", "odr")]) }
        #expect(throws: ModelError.self) { try RecordCatalogue(extensions: [try kind("purchase", "ord")]) }
        #expect(throws: ModelError.self) { try RecordCatalogue(extensions: [try kind("booking", "bkg"), try kind("booking", "bok")]) }
    }

    @Test func aReferenceMustNameAKindOfTheCatalogueByItsPrefix() throws {
        let toMembership = FieldDefinition("membership", .reference(ReferenceTarget(kind: "membership", idPrefix: "mbr")), "Which.")
        let payment = try kind("payment", "pay", [toMembership])
        #expect(throws: ModelError.self) { try RecordCatalogue(extensions: [payment]) }
        #expect(try RecordCatalogue(extensions: [payment, try kind("membership", "mbr")]).extensions.count == 2)
        let wrongPrefix = FieldDefinition("person", .reference(ReferenceTarget(kind: "person", idPrefix: "psn")), "Who.")
        #expect(throws: ModelError.self) { try RecordCatalogue(extensions: [try kind("visit", "vis", [wrongPrefix])]) }
    }

    @Test func anExtensionRecordIsCheckedAgainstItsDeclaration() throws {
        let reading = try kind("reading", "rdg", [FieldDefinition("value", .decimal, required: true, "The reading.")])
        let metadata = RecordMetadata(kind: reading, source: "gym", sourceKey: "1", provenance: .observed,
                                      legalBasis: .consent, category: try DataCategory("training"), collectedAt: nil)
        #expect(try CanonicalRecord(kind: reading, metadata: metadata, values: ["value": .text("182.50")]).id.prefix == "rdg")
        #expect(throws: ModelError.self) { try CanonicalRecord(kind: reading, metadata: metadata, values: ["value": .text("182,50")]) }
        #expect(throws: ModelError.self) { try CanonicalRecord(kind: reading, metadata: metadata, values: [:]) }
    }
}

@Suite struct DecimalValueTests {
    @Test func aDecimalKeepsItsScaleExactly() throws {
        #expect(try FieldType.decimal.value(from: .text(" 182.50 "), referenceSource: "s") == .text("182.50"))
        #expect(try FieldType.decimal.value(from: .integer(-7), referenceSource: "s") == .text("-7"))
        #expect(try FieldType.decimal.value(from: .text("12345678901234567890.000000001"), referenceSource: "s")
                == .text("12345678901234567890.000000001"))
    }

    @Test func aFloatIsNeverADecimal() {
        #expect(throws: ModelError.self) { try FieldType.decimal.value(from: .real(0.1), referenceSource: "s") }
    }

    @Test(arguments: ["1e3", "0012", "1.", ".5", "+3", "1,5", "NaN"])
    func onlyAPlainDecimalIsADecimal(_ text: String) {
        #expect(throws: ModelError.self) { try FieldType.decimal.value(from: .text(text), referenceSource: "s") }
    }
}
