import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// A subject table may hold several columns of one identifier scheme (`email` and `email2`).
@Suite struct SeveralIdentifierColumnsTests {
    func sample() throws -> SampleController {
        let sample = try SampleController(editConfig: {
            $0.replacingOccurrences(of: "        email: email\n        phone: phone", with: "        email: [email, email2]\n        phone: phone")
        })
        try sample.execute("ALTER TABLE customers ADD COLUMN email2 TEXT; UPDATE customers SET email2 = 'anna.work@example.se' WHERE id = 1")
        return sample
    }

    @Test func aRequestByTheSecondColumnsAddressFindsTheSubject() async throws {
        let sample = try sample()
        let match = try await sample.connector("shop").findSubject(matching: [try SubjectIdentifier(parsing: "email:anna.work@example.se", referenceDate: SampleSubject.day)])
        #expect(match.keys == ["1"])
        #expect(match.identifiers.contains(try SubjectIdentifier(parsing: SampleSubject.anna, referenceDate: SampleSubject.day)))
    }

    @Test func bothColumnsAreReadIntoTheSubjectIndex() async throws {
        let sample = try sample()
        var anna: IndexedSubject?
        try await sample.connector("shop").enumerateSubjects { if $0.key == "1" { anna = $0 } }
        let emails = anna?.identifiers.filter { $0.scheme == .email }.map(\.value) ?? []
        #expect(Set(emails) == ["anna.svensson@example.se", "anna.work@example.se"])
    }

    @Test func anEmptyListOfColumnsIsRefused() throws {
        let sample = try SampleController(editConfig: {
            $0.replacingOccurrences(of: "        email: email\n        phone: phone", with: "        email: []\n        phone: phone")
        })
        #expect(throws: ConfigError.self) { try PortaConfig.load(from: sample.configPath) }
    }
}
