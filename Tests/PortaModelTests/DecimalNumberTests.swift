import PortaModel
import Testing

/// Decimal numbers (money amounts, `decimal` fields) are read byte by byte: exactly the plain
/// form is accepted, and each refusal keeps its reason.
@Suite struct DecimalNumberTests {
    @Test(arguments: ["0", "-0", "12", "-12", "0.10", "499.00", "-1234567890.0050", " 7.5 ", "\t3\n",
                      String(repeating: "9", count: 40)])
    func aPlainDecimalIsKeptAsWritten(_ text: String) throws {
        #expect(try DecimalNumber(text).text == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: ["", "-", ".", "1.", ".5", "1.2.3", "--1", "+1", "1e5", "1,5", "١٢", "1\u{301}", "0x10", "1 000", "NaN", "-.5"])
    func anythingElseIsNotADecimalNumber(_ text: String) {
        #expect { try DecimalNumber(text) } throws: { ($0 as? ModelError)?.message.contains("is not a decimal number") == true }
    }

    @Test(arguments: ["00", "05", "-007.5", "00.1"])
    func leadingZerosAreRefusedByName(_ text: String) {
        #expect { try DecimalNumber(text) } throws: { ($0 as? ModelError)?.message.contains("has leading zeros") == true }
    }

    @Test func moreThanFortyCharactersAreRefused() {
        #expect { try DecimalNumber("1." + String(repeating: "0", count: 39)) } throws: {
            ($0 as? ModelError)?.message.contains("more than 40 characters") == true
        }
    }
}
