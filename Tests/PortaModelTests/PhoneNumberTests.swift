import PortaModel
import Testing

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("070-123 45 67", "+46701234567"),
        ("0701234567", "+46701234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("+46 (0)70-123 45 67", "+46701234567"),
        ("0046 70 123 45 67", "+46701234567"),
        ("08-123 456 78", "+46812345678"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+1 (202) 555-0143", "+12025550143"),
    ])
    func normalisesToE164(_ raw: String, _ expected: String) throws {
        #expect(try PhoneNumber(normalizing: raw).value == expected)
    }

    @Test func readsNationalNumbersInTheGivenCountry() throws {
        #expect(try PhoneNumber(normalizing: "030 1234567", defaultCallingCode: "49").value == "+49301234567")
    }

    @Test(arguments: ["", "070-123 45 6x", "123", "+46 070 123 45 67", "+4670", "+0046701234567",
                      "70 123 45 67", "+1234567890123456", "070–123 45 67"])
    func rejectsWhatIsNotAPhoneNumber(_ raw: String) {
        #expect(throws: ModelError.self) { try PhoneNumber(normalizing: raw) }
    }
}
