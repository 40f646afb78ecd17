import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// A mapping may give a read-only SELECT instead of a table, binding the subject's key as
/// `:subject`, on SQLite and on PostgreSQL.
@Suite struct QueryMappingTests {
    /// The sample with the crm's event registrations mapped by `query` in place of their table.
    func crmSample(query: String, fields: String = "registeredAt: registered_at") throws -> SampleController {
        try SampleController(editConfig: { config in
            config.replacingOccurrences(of: """
                  - kind: event-registration
                    table: event_registrations
                    key: id
                    subject: contact_id
            """, with: """
                  - kind: event-registration
                    query: "\(query)"
                    key: id
            """).replacingOccurrences(of: "          registeredAt: registered_at\n", with: "          \(fields)\n")
        })
    }

    /// The sample with the shop's orders mapped by `query` in place of their table.
    func shopSample(query: String) throws -> SampleController {
        try SampleController(editConfig: { config in
            config.replacingOccurrences(of: """
                  - kind: order
                    table: orders
                    key: id
                    subject: customer_id
            """, with: """
                  - kind: order
                    query: "\(query)"
                    key: id
            """)
        })
    }

    func kinds(_ records: [PulledRecord], _ kind: RecordKind) -> [CanonicalRecord] {
        records.map(\.record).filter { $0.kind == kind }
    }

    @Test func anSQLiteQueryFiltersTheSubjectsRowsByTheBoundKey() async throws {
        let all = try await SampleController().records(from: "shop", for: [SampleSubject.anna])
        let delivered = try shopSample(query: "SELECT * FROM orders WHERE customer_id = :subject "
                                       + "AND id > (SELECT min(id) FROM orders WHERE customer_id = :subject)")
        let records = try await delivered.records(from: "shop", for: [SampleSubject.anna])
        let orders = kinds(records, .order)
        #expect(!orders.isEmpty)
        #expect(orders.count < kinds(all, .order).count, "the query's filter left some out")
        #expect(Set(orders.map(\.id)).isSubset(of: Set(kinds(all, .order).map(\.id))), "the same ids as the table gives")
    }

    @Test func aPostgreSQLQueryJoinsAndBindsTheKey() async throws {
        let sample = try crmSample(query: "SELECT r.* FROM event_registrations r JOIN contacts c ON c.id = r.contact_id "
                                   + "WHERE c.id = :subject AND r.status <> 'cancelled'")
        let records = try await sample.records(from: "crm", for: ["email:anna.svensson@example.se"])
        let events = kinds(records, .eventRegistration)
        #expect(!events.isEmpty && events.allSatisfy { $0["status"] != .text("cancelled") })
    }

    @Test func aTimestampWithoutZoneFromPostgreSQLIsPlacedByTheMappingsZone() async throws {
        let sample = try crmSample(query: "SELECT r.*, CAST(r.registered_at AT TIME ZONE 'Europe/Stockholm' AS timestamp) AS lokal "
                                   + "FROM event_registrations r WHERE r.contact_id = :subject",
                                   fields: "registeredAt: { column: lokal, time-zone: Europe/Stockholm }")
        let plain = try await SampleController().records(from: "crm", for: ["email:anna.svensson@example.se"])
        let records = try await sample.records(from: "crm", for: ["email:anna.svensson@example.se"])
        #expect(kinds(records, .eventRegistration).map { $0["registeredAt"] } == kinds(plain, .eventRegistration).map { $0["registeredAt"] })
    }

    @Test func aTimestampWithoutZoneFromPostgreSQLIsABrokenRowWithoutAZone() async throws {
        let sample = try crmSample(query: "SELECT r.*, CAST(r.registered_at AS timestamp) AS lokal FROM event_registrations r "
                                   + "WHERE r.contact_id = :subject", fields: "registeredAt: lokal")
        let error = try await ExportFailure.of { try await sample.records(from: "crm", for: ["email:anna.svensson@example.se"]) }
        #expect(error.code == .invalidRow && error.message.contains("registeredAt") && error.message.contains("time-zone"))
    }

    @Test func aPostgreSQLQueryThatTriesToWriteIsRefusedAndWritesNothing() async throws {
        let sample = try crmSample(query: "WITH gone AS (DELETE FROM event_registrations WHERE contact_id = :subject RETURNING *) SELECT * FROM gone")
        await #expect(throws: (any Error).self) { try await sample.records(from: "crm", for: ["email:anna.svensson@example.se"]) }
        let still = try await SampleController().records(from: "crm", for: ["email:anna.svensson@example.se"])
        #expect(!kinds(still, .eventRegistration).isEmpty, "the rows are still there")
    }

    @Test(arguments: ["DELETE FROM orders WHERE customer_id = :subject", "SELECT * FROM orders WHERE customer_id = ?",
                      "SELECT * FROM orders WHERE customer_id = :kund", "SELECT * FROM orders",
                      "SELECT * FROM orders WHERE customer_id = :subject; DROP TABLE orders"])
    func aQueryThatIsNotOneSelectByTheSubjectIsAConfigError(_ query: String) throws {
        #expect(throws: ConfigError.self) { try PortaConfig.load(from: try shopSample(query: query).configPath) }
    }

    @Test func aQueryNamingAColumnItDoesNotGiveIsFoundBeforeAnyRequest() throws {
        let sample = try shopSample(query: "SELECT id, customer_id FROM orders WHERE customer_id = :subject")
        #expect(throws: ConnectorError.self) { try sample.connector("shop") }
    }

    @Test func sourcesCheckSamplesAQueryOnTheFirstSubjects() throws {
        let sample = try shopSample(query: "SELECT * FROM orders WHERE customer_id = :subject")
        let run = try ExternalProcess.porta(["sources", "check", "--config", sample.configPath])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("1 query") && run.standardOutput.contains("order (query: id, customer_id, order_number, placed_at, status, total, currency, delivery_address_id): 7 rows read, all convert"),
                "\(run.standardOutput)")
    }
}
