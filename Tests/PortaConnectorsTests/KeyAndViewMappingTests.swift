import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// A mapping's key may be composite, never SQLite's rowid; a view is mapped like a table.
@Suite struct KeyAndViewMappingTests {
    /// The sample shop with notes keyed by (customer, number), mapped with `key` as given, from
    /// the table or from a view over it.
    func sample(key: String, table: String = "notes") throws -> SampleController {
        try SampleController(editSQL: { $0.replacingOccurrences(of: "COMMIT;", with: """
            CREATE TABLE notes (customer_id INTEGER NOT NULL, number INTEGER NOT NULL, topic TEXT NOT NULL,
                                PRIMARY KEY (customer_id, number));
            INSERT INTO notes VALUES (1, 1, 'newsletter'), (1, 2, 'sms'), (2, 1, 'newsletter');
            CREATE VIEW notes_view AS SELECT customer_id, number, topic FROM notes;
            COMMIT;
            """) }, editConfig: { $0.replacingOccurrences(of: "      - kind: profile-segment", with: """
                  - kind: preference
                    table: \(table)
                    key: \(key)
                    subject: customer_id
                    provenance: provided
                    legal-basis: consent
                    category: preference
                    fields:
                      person: customer_id
                      topic: topic
                      value: { value: "yes" }
                  - kind: profile-segment
            """) })
    }

    func preferenceKeys(_ sample: SampleController) async throws -> [String] {
        try await sample.records(from: "shop", for: [SampleSubject.anna])
            .filter { $0.record.kind == .preference }.map(\.record.metadata.sourceKey)
    }

    @Test func aCompositeKeyJoinsItsColumnsIntoOneSourceKey() async throws {
        #expect(try await preferenceKeys(try sample(key: "[customer_id, number]")) == ["1/1", "1/2"])
    }

    @Test func theRowidIsRefusedAsAKey() throws {
        #expect(throws: ConfigError.self) { try PortaConfig.load(from: try sample(key: "rowid").configPath) }
        #expect(throws: ConfigError.self) { try PortaConfig.load(from: try sample(key: "[customer_id, ROWID]").configPath) }
    }

    @Test func aViewIsMappedLikeATable() async throws {
        let sample = try sample(key: "[customer_id, number]", table: "notes_view")
        #expect(try await preferenceKeys(sample) == ["1/1", "1/2"])
        #expect(try await sample.connector("shop").check().contains("table"))
    }
}
