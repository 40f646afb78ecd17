import Foundation
import GRDB
import PortaModel
import PortaRegister
import PortaTestSupport
import Testing

/// The register of requests: append-only, answers "did we answer this person", knows
/// deadlines, and holds no personal data.
@Suite struct RequestRegisterTests {
    let folder = TemporaryFolder("porta-register")
    var path: String { folder.file("register.sqlite") }
    let secret = "a-test-secret-of-enough-length"

    func register() throws -> RequestRegister { try RequestRegister(path: path, secret: secret) }

    func entry(_ action: RegisterEntry.Action, _ requestID: String, at: String, received: String? = nil,
               outcome: RegisterEntry.Outcome = .ok) throws -> RegisterEntry {
        RegisterEntry(action: action, requestID: requestID, purpose: .portability, at: try Timestamp(parsing: at),
                      receivedOn: try received.map(CalendarDate.init(parsing:)), bundleID: action == .export ? "urn:uuid:x" : nil,
                      recordsByKind: [.init(kind: "order", records: 3)],
                      exclusions: [.init(source: "shop", kind: "web-activity", reason: "provenance-observed-not-covered", records: 2)],
                      outcome: outcome, toolVersion: "test")
    }

    let anna = try! SubjectIdentifier(parsing: "email:anna.svensson@example.se", referenceDate: SampleSubject.day)
    let annasPhone = try! SubjectIdentifier(parsing: "phone:+46701234567", referenceDate: SampleSubject.day)
    let erik = try! SubjectIdentifier(parsing: "email:erik@example.se", referenceDate: SampleSubject.day)

    @Test func entriesComeBackInOrderWithTheirCounts() throws {
        let register = try register()
        try register.append(try entry(.received, "r1", at: "2026-10-01T08:00:00Z", received: "2026-10-01"), subject: [anna])
        try register.append(try entry(.export, "r1", at: "2026-10-02T08:00:00Z", received: "2026-10-01"), subject: [anna, annasPhone])
        let entries = try register.entries()
        #expect(entries.map(\.number) == [1, 2])
        #expect(entries[1].entry == (try entry(.export, "r1", at: "2026-10-02T08:00:00Z", received: "2026-10-01")))
        #expect(try register.entries(since: try Timestamp(parsing: "2026-10-02T00:00:00Z")).map(\.number) == [2])
    }

    @Test func anyOneIdentifierFindsThePersonsEntriesAndNoOneElses() throws {
        let register = try register()
        try register.append(try entry(.export, "r1", at: "2026-10-02T08:00:00Z"), subject: [anna, annasPhone])
        try register.append(try entry(.export, "r2", at: "2026-10-03T08:00:00Z"), subject: [erik])
        #expect(try register.entries(of: annasPhone).map(\.entry.requestID) == ["r1"])
        #expect(try register.entries(of: try SubjectIdentifier(parsing: "email:Anna.Svensson@EXAMPLE.se", referenceDate: SampleSubject.day)).map(\.entry.requestID) == ["r1"])
        #expect(try register.entries(of: try SubjectIdentifier(parsing: "email:nobody@example.se", referenceDate: SampleSubject.day)).isEmpty)
    }

    @Test func anotherSecretCannotFindThePerson() throws {
        try register().append(try entry(.export, "r1", at: "2026-10-02T08:00:00Z"), subject: [anna])
        let other = try RequestRegister(path: path, secret: "another-secret-of-enough-length")
        #expect(try other.entries(of: anna).isEmpty)
    }

    @Test func theFileHoldsNoIdentifierInTheClear() throws {
        try register().append(try entry(.export, "r1", at: "2026-10-02T08:00:00Z"), subject: [anna, annasPhone])
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        for personal in ["anna", "svensson", "example.se", "46701234567"] {
            #expect(!bytes.contains(personal), "register holds \(personal)")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func entriesCannotBeChangedOrRemoved() throws {
        try register().append(try entry(.export, "r1", at: "2026-10-02T08:00:00Z"), subject: [anna])
        let database = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try database.write { try $0.execute(sql: "UPDATE request SET outcome = 'failed'") } }
        #expect(throws: DatabaseError.self) { try database.write { try $0.execute(sql: "DELETE FROM request") } }
        #expect(throws: DatabaseError.self) { try database.write { try $0.execute(sql: "DELETE FROM subject_key") } }
        #expect(try register().entries().count == 1)
    }

    @Test func dueListsOpenRequestsPastOneMonthAndLateAnswers() throws {
        let register = try register()
        try register.append(try entry(.received, "open-late", at: "2026-09-01T08:00:00Z", received: "2026-09-01"), subject: [anna])
        try register.append(try entry(.received, "open-in-time", at: "2026-11-20T08:00:00Z", received: "2026-11-20"), subject: [erik])
        try register.append(try entry(.export, "answered-in-time", at: "2026-10-20T08:00:00Z", received: "2026-10-01"), subject: [erik])
        try register.append(try entry(.export, "answered-late", at: "2026-11-10T08:00:00Z", received: "2026-10-01"), subject: [erik])
        try register.append(try entry(.received, "failed-only", at: "2026-09-02T08:00:00Z", received: "2026-09-02"), subject: [erik])
        try register.append(try entry(.export, "failed-only", at: "2026-09-03T08:00:00Z", outcome: .failed), subject: [erik])
        let due = try register.due(today: try CalendarDate(parsing: "2026-11-25"))
        #expect(due.map(\.requestID) == ["open-late", "answered-late", "failed-only"])
        #expect(due.first?.deadline == (try CalendarDate(parsing: "2026-10-01")))
        #expect(due.first?.answeredAt == nil && due[1].answeredAt != nil)
    }

    @Test func aShortOrMissingSecretIsRefused() throws {
        #expect(throws: RequestRegister.Problem.self) { try RequestRegister(path: path, secret: "short") }
        #expect(throws: RequestRegister.Problem.self) {
            try RequestRegister(path: path, secretVariable: "PORTA_NO_SUCH_SECRET", environment: [:])
        }
    }

    @Test func listingsAreValidJSONAndCSV() throws {
        let register = try register()
        try register.append(try entry(.export, "r,1", at: "2026-10-02T08:00:00Z"), subject: [anna])
        let json = try JSONSerialization.jsonObject(with: Data(RegisterListing.json(try register.entries()))) as? [[String: Any]]
        #expect(json?.first?["requestId"] as? String == "r,1")
        #expect((json?.first?["exclusions"] as? [[String: Any]])?.first?["records"] as? Int == 2)
        let csv = String(decoding: RegisterListing.csv(try register.entries()), as: UTF8.self)
        #expect(csv.hasPrefix(RegisterListing.columns.joined(separator: ",") + "\r\n1,export,\"r,1\",portability,GDPR Art. 20,"))
    }
}

@Suite struct OneMonthTests {
    @Test(arguments: [("2026-10-01", "2026-11-01"), ("2026-01-31", "2026-02-28"), ("2028-01-31", "2028-02-29"),
                      ("2026-12-15", "2027-01-15"), ("2026-08-31", "2026-09-30")])
    func oneMonthLaterIsTheSameDayOrTheMonthsLast(_ from: String, _ to: String) throws {
        #expect(try CalendarDate(parsing: from).adding(months: 1) == CalendarDate(parsing: to))
    }
}
