import PortaModel
import Testing

@Suite struct EmailAddressTests {
    @Test func trimsAndLowerCasesTheDomainOnly() throws {
        #expect(try EmailAddress(normalizing: "  Anna.Svensson@Example.SE \n").value == "Anna.Svensson@example.se")
    }

    @Test func matchKeyFoldsTheLocalPartToo() throws {
        #expect(try EmailAddress(normalizing: "Anna@Example.se").matchKey == "anna@example.se")
    }

    @Test func acceptsPlusTagsAndInternationalDomains() throws {
        #expect(try EmailAddress(normalizing: "anna+shop@bücher.example").value == "anna+shop@bücher.example")
    }

    @Test(arguments: ["", "   ", "no-at-sign", "anna@", "@example.se", "anna@localhost", "a..b@example.se",
                      ".anna@example.se", "anna.@example.se", "an na@example.se", "anna@-shop.se",
                      "anna@shop-.se", "anna@exa mple.se", "anna@example..se", "anna\"x@example.se"])
    func rejectsMalformedAddresses(_ raw: String) {
        #expect(throws: ModelError.self) { try EmailAddress(normalizing: raw) }
    }

    @Test func errorsNeverQuoteTheAddress() {
        do {
            _ = try EmailAddress(normalizing: "secret..person@example.se")
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains("secret"))
            #expect((error as? ModelError)?.code == .invalidEmailAddress)
        }
    }
}
