import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// An identifier column that cannot be read is logged with the rule it breaks, never its value.
@Suite struct IdentifierColumnLogTests {
    @Test func aWrongCheckDigitIsNamedAsSuch() async throws {
        let sample = try SampleController()
        try sample.execute("UPDATE customers SET personnummer = '20010228-6789' WHERE id = 6")
        let logs = CapturedLogs()
        let connector = try sample.connector("shop", logger: logs.logger)
        _ = try await connector.findSubject(matching: [try SubjectIdentifier(parsing: "email:maja.lind@example.net", referenceDate: SampleSubject.day)])
        #expect(logs.text.contains("identifier column cannot be read"))
        #expect(logs.text.contains("check digit"), "\(logs.text)")
        #expect(!logs.text.contains("20010228"))
    }
}
