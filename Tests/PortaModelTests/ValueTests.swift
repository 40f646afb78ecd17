import PortaModel
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2024-11-29T07:30:00+01:00", "2024-11-29T06:30:00Z"),
        ("2024-11-29 07:30:00", "2024-11-29T07:30:00Z"),
        ("2024-02-29T23:59:59.250Z", "2024-02-29T23:59:59.25Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("2000-01-01t00:00:00z", "2000-01-01T00:00:00Z"),
        ("2026-01-01T00:30:00-02:30", "2026-01-01T03:00:00Z"),
    ])
    func parsesAndWritesRFC3339InUTC(_ text: String, _ expected: String) throws {
        #expect(try Timestamp(parsing: text).description == expected)
    }

    @Test(arguments: ["", "2024-11-29", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z",
                      "2024-01-01T00:00:00+0100", "2024-01-01T00:00:00Zjunk", "24-01-01T00:00:00Z", "2024-01-01T00:00:00."])
    func rejectsWhatIsNotRFC3339(_ text: String) {
        #expect(throws: ModelError.self) { try Timestamp(parsing: text) }
    }

    @Test func unixSecondsRoundTrip() throws {
        let time = Timestamp(seconds: 1_700_000_000)
        #expect(try Timestamp(parsing: time.description) == time)
    }
}

@Suite struct MoneyTests {
    @Test(arguments: ["0.10", "499.00", "-12", "0", "1048.00", "123456789012345678901234567890.5"])
    func keepsTheAmountExactlyAsGiven(_ amount: String) throws {
        #expect(try Money(amount: amount, currency: "SEK").amount == amount)
    }

    @Test(arguments: ["1e3", "0.1e1", "01.00", "1,5", ".5", "5.", "", "NaN", "+5", "--1", "1.2.3"])
    func rejectsAmountsThatAreNotPlainDecimals(_ amount: String) {
        #expect(throws: ModelError.self) { try Money(amount: amount, currency: "SEK") }
    }

    @Test func currencyIsAnISO4217Code() throws {
        #expect(try Money(amount: "1", currency: "sek").currency.code == "SEK")
        #expect(throws: ModelError.self) { try Money(amount: "1", currency: "KRONOR") }
        #expect(throws: ModelError.self) { try Money(amount: "1", currency: "ABC") }
    }
}

@Suite struct CountryAndLanguageTests {
    @Test func countriesAreISO3166Alpha2() throws {
        #expect(try CountryCode("se").code == "SE")
        #expect(throws: ModelError.self) { try CountryCode("SWE") }
        #expect(throws: ModelError.self) { try CountryCode("XX") }
    }

    @Test func languageTagsGetTheirConventionalCase() throws {
        #expect(try LanguageTag("EN_gb").tag == "en-GB")
        #expect(try LanguageTag("sr-latn-rs").tag == "sr-Latn-RS")
        #expect(throws: ModelError.self) { try LanguageTag("swedish!") }
    }

    @Test func datesAreRealDays() throws {
        #expect(try CalendarDate(parsing: "2024-02-29").description == "2024-02-29")
        #expect(throws: ModelError.self) { try CalendarDate(parsing: "2025-02-29") }
        #expect(throws: ModelError.self) { try CalendarDate(parsing: "2025-2-28") }
    }
}

@Suite struct TimestampHintTests {
    @Test func theRFC3339HintSaysWhatIsAccepted() {
        do {
            _ = try Timestamp(parsing: "1 July 2024")
            Issue.record("parsed")
        } catch let error as ModelError {
            #expect(error.message.contains("T or a space") && error.message.contains("nothing for a local time"))
        } catch {
            Issue.record("\(error)")
        }
    }
}

@Suite struct TimestampExtremeTests {
    @Test func secondsBeforeNineteenSeventyFallOnTheRightDay() {
        #expect(Timestamp(seconds: -1).description == "1969-12-31T23:59:59Z")
        #expect(Timestamp(seconds: -86_400).description == "1969-12-31T00:00:00Z")
        #expect(Timestamp(seconds: -86_401).description == "1969-12-30T23:59:59Z")
    }

    @Test func theExtremesHaveADayWithoutOverflow() {
        #expect(Timestamp(seconds: .min).date.year < -200_000_000_000)
        #expect(Timestamp(seconds: .max).date.year > 200_000_000_000)
    }
}
