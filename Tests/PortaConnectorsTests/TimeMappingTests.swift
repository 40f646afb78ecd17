import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// An integer is a time only through an explicit epoch conversion, and times outside a sane
/// window are broken rows unless the mapping widens it.
@Suite struct TimeMappingTests {
    /// The sample shop with a table of orders whose times are stored as `placed` (written as
    /// given), mapped with `placedAt` as given.
    func sample(placed: String, placedAt: String) throws -> SampleController {
        try SampleController(editSQL: { $0.replacingOccurrences(of: "COMMIT;", with: """
            CREATE TABLE app_orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, placed);
            INSERT INTO app_orders VALUES (1, 1, \(placed));
            COMMIT;
            """) }, editConfig: { $0.replacingOccurrences(of: "      - kind: profile-segment", with: """
                  - kind: order
                    table: app_orders
                    key: id
                    key-prefix: "app-"
                    subject: customer_id
                    provenance: provided
                    legal-basis: contract
                    category: purchase
                    fields:
                      person: customer_id
                      orderNumber: id
                      placedAt: \(placedAt)
                  - kind: profile-segment
            """) })
    }

    func placedAt(_ sample: SampleController) async throws -> FieldValue? {
        let records = try await sample.records(from: "shop", for: [SampleSubject.anna])
        return records.first { $0.record.metadata.sourceKey == "app-1" }?.record["placedAt"]
    }

    func rowError(_ sample: SampleController) async throws -> ConnectorError {
        try await ExportFailure.of { try await sample.records(from: "shop", for: [SampleSubject.anna]) }
    }

    @Test func anIntegerWithoutAnEpochConversionIsABrokenRow() async throws {
        let error = try await rowError(try sample(placed: "1712000000", placedAt: "placed"))
        #expect(error.code == .invalidRow && error.key == "app-1")
        #expect(error.message.contains("placedAt") && error.message.contains("epoch"))
    }

    @Test func epochSecondsAreReadAsSeconds() async throws {
        let value = try await placedAt(try sample(placed: "1712000000", placedAt: "{ column: placed, epoch: seconds }"))
        #expect(value == .timestamp(try Timestamp(parsing: "2024-04-01T19:33:20Z")))
    }

    @Test func epochMillisecondsKeepTheirFraction() async throws {
        let value = try await placedAt(try sample(placed: "1712000000123", placedAt: "{ column: placed, epoch: milliseconds }"))
        #expect(value == .timestamp(try Timestamp(parsing: "2024-04-01T19:33:20.123Z")))
    }

    @Test func millisecondsReadAsSecondsFallOutsideTheWindowAndBreakTheRow() async throws {
        let error = try await rowError(try sample(placed: "1712000000123", placedAt: "{ column: placed, epoch: seconds }"))
        #expect(error.code == .invalidRow && error.message.contains("outside the years 1900 to 2126"))
        #expect(!error.message.contains("1712000000123"), "the value is never named")
    }

    @Test(arguments: ["9223372036854775807", "-9223372036854775808"])
    func theLargestEpochsAreBrokenRowsNotCrashes(_ placed: String) async throws {
        for unit in ["seconds", "milliseconds"] {
            let error = try await rowError(try sample(placed: placed, placedAt: "{ column: placed, epoch: \(unit) }"))
            #expect(error.code == .invalidRow && error.message.contains("outside the years"), "\(unit): \(error)")
        }
    }

    @Test func aTimeBeforeTheWindowIsABrokenRowUnlessTheMappingWidensIt() async throws {
        let early = "'1850-06-01T12:00:00Z'"
        let error = try await rowError(try sample(placed: early, placedAt: "placed"))
        #expect(error.code == .invalidRow && error.message.contains("earliest-year"))
        let widened = try await placedAt(try sample(placed: early, placedAt: "{ column: placed, earliest-year: 1800 }"))
        #expect(widened == .timestamp(try Timestamp(parsing: "1850-06-01T12:00:00Z")))
    }

    @Test func anUnknownEpochUnitAndAWindowOutOfOrderAreRefusedByTheConfig() throws {
        #expect(throws: ConfigError.self) {
            try PortaConfig.load(from: try sample(placed: "1", placedAt: "{ column: placed, epoch: minutes }").configPath)
        }
        #expect(throws: ConfigError.self) {
            try PortaConfig.load(from: try sample(placed: "1", placedAt: "{ column: placed, earliest-year: 2000, latest-year: 1990 }").configPath)
        }
    }
}
