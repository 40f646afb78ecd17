import Foundation
import Logging
@testable import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// The MySQL connector against the real MariaDB server `scripts/setup.sh` starts and loads with
/// `samples/retailer/storefront.sql`. Without a server these tests fail; they never skip.
@Suite struct MySQLConnectorTests {
    @Test func readsTheSubjectsStorefrontRecordsFromTheServer() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "storefront", for: ["email:anna.svensson@example.se"]).map(\.record)
        #expect(records.map(\.kind.name) == ["person", "email-address", "order", "order", "preference"])
        #expect(records[0]["givenName"] == .text("Anna") && records[0]["familyName"] == .text("Svensson"))
        // user_registered is a DATETIME in the shop's zone (summer time, +02:00).
        #expect(records[0].metadata.collectedAt == (try Timestamp(parsing: "2023-06-09T19:14:05Z")))
        let order = records[2]
        #expect(order.metadata.sourceKey == "web-101" && order["orderNumber"] == .text("W-2023-0018"))
        #expect(order["total"] == .money(try Money(amount: "1048.00", currency: "SEK")))
        #expect(order["status"] == .text("delivered"))
        #expect(records[3]["total"] == .money(try Money(amount: "0.10", currency: "SEK")))
    }

    @Test func aJSONColumnsMembersAreReadAsDottedColumns() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "storefront", for: ["email:anna.svensson@example.se"]).map(\.record)
        let preference = try #require(records.first { $0.kind == .preference })
        #expect(preference["topic"] == .text("hiking") && preference["value"] == .text("week"))
        // changed_at is a TIMESTAMP: UTC, whatever the server's zone.
        #expect(preference.metadata.collectedAt == (try Timestamp(parsing: "2024-05-02T07:45:00Z")))
    }

    @Test func anotherCustomersRowsStayOut() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "storefront", for: ["email:olle.holm@example.net"]).map(\.record)
        #expect(records.map(\.metadata.sourceKey) == ["2", "2", "web-103", "2"])
    }

    @Test func aWrongPasswordIsAClearErrorWithoutTheSecret() async throws {
        let sample = try SampleController()
        var environment = SampleServices.environment
        environment["PORTA_STOREFRONT_PASSWORD"] = "not-the-password-7731"
        let connector = try sample.connector("storefront", environment: environment)
        let error = try await ExportFailure.of {
            try await connector.findSubject(matching: [SubjectIdentifier(parsing: "email:a@example.se", referenceDate: SampleSubject.day)])
        }
        #expect(error.code == .unavailable && error.message.contains("cannot connect to MySQL (error 1045"), "\(error)")
        #expect(!error.description.contains("not-the-password-7731") && !error.description.contains("porta@"))
    }

    @Test func aMappingNamingAMissingColumnIsFoundBeforeAnyRequest() async throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "person: user_id", with: "person: owner_id") })
        let connector = try #require(try sample.connector("storefront") as? MySQLConnector)
        let error = try await ExportFailure.of { try await connector.checkMapping() }
        #expect(error.code == .mappingMismatch && error.table == "wp_storefront_newsletter" && error.message.contains("owner_id"))
    }
}

/// What a connector's session may do on a database its user could change.
@Suite struct MySQLSessionTests {
    @Test func theSessionCannotWriteEvenWhereItsUserMay() throws {
        let database = try MySQLTestDatabase()
        try database.run("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);")
        let connection = try MySQLConnection(url: database.url, password: database.password, tls: .disable, source: "test")
        let failure = try #require(throws: MySQLConnection.Failure.self) { try connection.execute("INSERT INTO t VALUES (2)") }
        #expect(failure.number == 1792, "\(failure)")  // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
        #expect(try database.run("SELECT count(*) FROM t") == "1\n")
    }
}
