import PortaModel
import PortaTestSupport
import Testing

@Suite struct SubjectIdentifierTests {
    @Test func parsesSchemeAndNormalisesTheValue() throws {
        let identifier = try SubjectIdentifier(parsing: "phone:070-123 45 67", referenceDate: SampleSubject.day)
        #expect(identifier.scheme == .phone)
        #expect(identifier.value == "+46701234567")
        #expect(identifier.qualifiedValue == "phone:+46701234567")
    }

    @Test func customerNumbersAreTrimmed() throws {
        #expect(try SubjectIdentifier(parsing: "customer-number: K-1001 ", referenceDate: SampleSubject.day).value == "K-1001")
    }

    @Test(arguments: ["name:Anna Svensson", "ip:192.0.2.1", "anna@example.se", "address:Storgatan 1"])
    func refusesWeakIdentifiersAndUnknownSchemes(_ text: String) {
        #expect(throws: ModelError.self) { try SubjectIdentifier(parsing: text, referenceDate: SampleSubject.day) }
    }
}
