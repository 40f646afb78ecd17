import PortaModel
import Testing

@Suite struct PersonnummerTests {
    let reference = CalendarDate(validYear: 2026, month: 1, day: 1)!

    @Test(arguments: [
        ("19850312-1231", "198503121231"),
        ("198503121231", "198503121231"),
        ("850312-1231", "198503121231"),
        ("8503121231", "198503121231"),
        (" 850312-1231 ", "198503121231"),
        ("121212-1212", "201212121212"),
        ("201105+5676", "192011055676"),
        ("20010228-6788", "200102286788"),
    ])
    func normalisesToTwelveDigits(_ raw: String, _ expected: String) throws {
        #expect(try Personnummer(normalizing: raw, referenceDate: reference).value == expected)
    }

    @Test func centuryOfTenDigitNumbersPutsTheBirthWithinAHundredYears() throws {
        #expect(try Personnummer(normalizing: "251231-0000", referenceDate: reference).value.hasPrefix("2025"))
        #expect(try Personnummer(normalizing: "260102-0007", referenceDate: reference).value.hasPrefix("1926"))
        #expect(try Personnummer(normalizing: "251231+0000", referenceDate: reference).value.hasPrefix("1925"))
    }

    @Test func recognisesSamordningsnummer() throws {
        let number = try Personnummer(normalizing: "900575-4560", referenceDate: reference)
        #expect(number.kind == .samordningsnummer)
        #expect(number.value == "199005754560")
        #expect(number.birthDate == CalendarDate(validYear: 1990, month: 5, day: 15))
    }

    @Test(arguments: [
        "850312-1232",     // wrong check digit
        "850332-1231",     // no 32nd day
        "851312-1231",     // no 13th month
        "850229-1234",     // 1985 is not a leap year
        "85031-21231",     // separator in the wrong place
        "85031212311",     // 11 digits
        "19850312+1231",   // + only in the 10-digit form
        "8503121231x",
        "",
        "850312--1231",
    ])
    func rejectsInvalidNumbers(_ raw: String) {
        #expect(throws: ModelError.self) { try Personnummer(normalizing: raw, referenceDate: reference) }
    }

    @Test func errorsSayWhatIsWrongWithoutTheNumber() {
        do {
            _ = try Personnummer(normalizing: "850312-1232", referenceDate: reference)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("check digit"))
            #expect(!"\(error)".contains("850312"))
        }
    }
}
