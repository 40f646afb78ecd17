import Foundation
import Logging
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// The PostgreSQL connector against the real server `scripts/setup.sh` starts and loads with
/// `samples/retailer/crm.sql`. Without a server these tests fail; they never skip.
@Suite struct PostgreSQLConnectorTests {
    @Test func readsTheSubjectsContactRecordsFromTheServer() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "crm", for: ["email:anna.svensson@example.se"]).map(\.record)
        #expect(records.map(\.kind.name) == ["person", "email-address", "phone-number", "identifier", "preference", "event-registration"])
        let person = records[0]
        let created = try Timestamp(parsing: "2021-02-03T09:15:00Z")
        #expect(person["givenName"] == .text("Anna") && person.metadata.collectedAt == created)
        #expect(records[2]["number"] == .text("+46855512345"))
        #expect(records[3]["value"] == .text("198503121231"))
        let event = records[5]
        let day = FieldValue.date(try CalendarDate(parsing: "2024-05-18"))
        let registered = FieldValue.timestamp(try Timestamp(parsing: "2024-04-20T17:30:00Z"))
        #expect(event["eventDate"] == day && event["registeredAt"] == registered)
    }

    @Test func aSharedLandlineMarkedNotUniqueDoesNotJoinTheHousehold() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "crm", for: ["email:anna.svensson@example.se"]).map(\.record)
        #expect(!records.contains { $0.metadata.sourceKey == "502" || $0.metadata.sourceKey == "2" })
        let byPhone = try await sample.records(from: "crm", for: ["phone:08-555 123 45"])
        #expect(byPhone.isEmpty)
    }

    @Test func theTwoAnnaSvenssonsStayApart() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "crm", for: ["email:anna.s@example.com"]).map(\.record)
        #expect(Set(records.map(\.metadata.sourceKey)).isSubset(of: ["504", "pnr-504", "73"]))
        #expect(records.contains { $0.kind == .eventRegistration && $0["event"] == .text("Bokcirkel") })
    }

    @Test func anUnreachableServerIsAClearError() async throws {
        let sample = try SampleController()
        let config = try PortaConfig.load(from: sample.configPath)
        let source = try #require(config.sources.first { $0.id == "crm" })
        var environment = SampleServices.environment
        environment["PORTA_CRM_URL"] = "postgres://porta@127.0.0.1:1/porta_crm"
        let connector = try Connectors.make(source, referenceDate: .today(), logger: Logger(label: "test"), environment: environment)
        let error = try await ExportFailure.of { try await connector.findSubject(matching: [SubjectIdentifier(parsing: "email:a@example.se", referenceDate: SampleSubject.day)]) }
        #expect(error.code == .unavailable && error.message.contains("cannot connect"))
        #expect(!error.description.contains("porta-sample"))
    }

    @Test func aMappingNamingAMissingColumnIsFoundBeforeAnyRequest() async throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "topic: topic", with: "topic: subject_line") })
        let connector = try #require(try sample.connector("crm") as? PostgreSQLConnector)
        let error = try await ExportFailure.of { try await connector.checkMapping() }
        #expect(error.code == .mappingMismatch && error.table == "preferences" && error.message.contains("subject_line"))
    }
}

/// A broken row in a PostgreSQL table, in a table of the test's own (the sample tables are
/// shared by every test).
@Suite struct PostgreSQLBrokenRowTests {
    func psql(_ sql: String) throws {
        let environment = SampleServices.environment
        let result = try ExternalProcess.run("psql", ["-q", "-v", "ON_ERROR_STOP=1", environment["PORTA_CRM_URL"]!, "-c", sql],
                                             environment: ["PGPASSWORD": environment["PORTA_CRM_PASSWORD"]!])
        #expect(result.status == 0, "\(result.combined)")
    }

    @Test func aRowThatCannotBeARecordIsNamedByTableAndKey() async throws {
        let table = "prefs_\(UUID().uuidString.prefix(8).lowercased())"
        try psql("CREATE TABLE \(table) (id integer PRIMARY KEY, contact_id integer, topic text, value text, updated_at timestamptz);"
            + "INSERT INTO \(table) VALUES (9, 501, 'ok', 'fine', now()), (10, 501, '', 'no topic', now())")
        defer { try? psql("DROP TABLE \(table)") }
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "table: preferences", with: "table: \(table)") })
        let error = try await ExportFailure.of { try await sample.records(from: "crm", for: ["email:anna.svensson@example.se"]) }
        #expect(error.code == .invalidRow && error.table == table && error.key == "10" && error.message.hasPrefix("topic"))
    }
}
