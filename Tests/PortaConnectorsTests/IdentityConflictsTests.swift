import PortaConnectors
import PortaModel
import Testing

/// What counts as two people among records joined by a strong identifier.
@Suite struct IdentityConflictsTests {
    func person(_ key: String, given: String? = nil, family: String? = nil, full: String? = nil, born: String? = nil) throws -> CanonicalRecord {
        var values: [String: FieldValue] = [:]
        if let given { values["givenName"] = .text(given) }
        if let family { values["familyName"] = .text(family) }
        if let full { values["fullName"] = .text(full) }
        if let born { values["birthDate"] = .date(try CalendarDate(parsing: born)) }
        return try CanonicalRecord(kind: .person, metadata: metadata(.person, key), values: values)
    }

    func personnummer(_ key: String, _ value: String, of person: CanonicalRecord) throws -> CanonicalRecord {
        try CanonicalRecord(kind: .identifier, metadata: metadata(.identifier, key),
                            values: ["person": .reference(person.id), "scheme": .text("personnummer"), "value": .text(value)])
    }

    func metadata(_ kind: RecordKind, _ key: String) throws -> RecordMetadata {
        RecordMetadata(kind: kind, source: "shop", sourceKey: key, provenance: .provided, legalBasis: .contract,
                       category: try DataCategory("identification"), collectedAt: nil)
    }

    func conflicts(_ records: [CanonicalRecord]) -> [IdentityConflict] {
        var check = IdentityConflicts()
        records.forEach { check.add($0) }
        return check.conflicts
    }

    @Test func differentGivenAndFamilyNamesAreTwoPeople() throws {
        let found = conflicts([try person("8", given: "Tove", family: "Berg"), try person("9", given: "Nils", family: "Holm")])
        #expect(found.map(\.fields) == [["givenName", "familyName"]])
        #expect(found[0].sourceKeys.map(\.description) == ["shop:8", "shop:9"])
    }

    @Test func namesEqualAfterUnicodeAndCaseFoldingAreOnePerson() throws {
        let composed = "\u{00D6}berg", decomposed = "O\u{0308}BERG"
        #expect(conflicts([try person("1", given: "Lars", family: composed), try person("2", given: "LARS", family: decomposed)]).isEmpty)
    }

    @Test func aChangedFamilyNameAloneIsNotAConflict() throws {
        #expect(conflicts([try person("1", given: "Anna", family: "Svensson"), try person("2", given: "Anna", family: "Berg")]).isEmpty)
    }

    @Test func aFullNameIsComparedByItsFirstAndLastWord() throws {
        let found = conflicts([try person("1", full: "Tove Berg"), try person("2", given: "Nils", family: "Holm")])
        #expect(found.count == 1)
        #expect(conflicts([try person("1", full: "Tove Maria Berg"), try person("2", given: "Tove", family: "Berg")]).isEmpty)
    }

    @Test func differentBirthDatesAreTwoPeople() throws {
        let found = conflicts([try person("1", given: "Anna", born: "1985-03-12"), try person("2", given: "Anna", born: "1992-07-04")])
        #expect(found.map(\.fields) == [["birthDate"]])
    }

    @Test func aPersonnummerWhoseBirthDateContradictsAPersonsIsAConflict() throws {
        let anna = try person("1", given: "Anna", born: "1985-03-12")
        let found = conflicts([anna, try personnummer("1", "191212121212", of: anna)])
        #expect(found.map(\.fields) == [["value"]])
        #expect(conflicts([anna, try personnummer("1", "198503121231", of: anna)]).isEmpty)
    }
}
