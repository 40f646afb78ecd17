import Foundation
import Logging
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// A mysql source over a database of the test's own: lookup, binding, broken rows and checks.
@Suite struct MySQLSourceTests {
    let database: MySQLTestDatabase

    init() throws {
        database = try MySQLTestDatabase()
    }

    func connector(_ yaml: String) throws -> any Connector {
        let config = try PortaConfig.parse(yaml: yaml, file: "porta.yml", baseDirectory: "/")
        return try Connectors.make(config.sources[0], referenceDate: SampleSubject.day, logger: Logger(label: "test"),
                                   environment: ["TEST_MYSQL_URL": database.url, "TEST_MYSQL_PASSWORD": database.password])
    }

    /// The source keys of the records found for `identifier`.
    func keys(_ yaml: String, for identifier: String) async throws -> [String] {
        let connector = try connector(yaml)
        let match = try await connector.findSubject(matching: [try SubjectIdentifier(parsing: identifier, referenceDate: SampleSubject.day)])
        var keys: [String] = []
        try await connector.streamRecords(of: match, problem: { _ in }) { keys.append($0.record.metadata.sourceKey) }
        return keys
    }

    @Test func aQuoteAndASemicolonInAnIdentifierAreBoundNotSpliced() async throws {
        try database.run("""
            CREATE TABLE people (id int PRIMARY KEY, number varchar(64), given_name text);
            INSERT INTO people VALUES (1, 'K-1''; DROP TABLE people; --', 'Ada'), (2, 'K-2', 'Bo');
            """)
        let yaml = MySQLSourceConfig.yaml(table: "people", identifiers: "{ customer-number: number }")
        #expect(try await keys(yaml, for: "customer-number:K-1'; DROP TABLE people; --") == ["1"])
        #expect(try await keys(yaml, for: "customer-number:K-2' OR '1'='1") == [])
        #expect(try database.run("SELECT count(*) FROM people") == "2\n")
    }

    @Test func subjectKeysAreComparedByteForByteNotByCollation() async throws {
        // utf8mb4_general_ci would call 'ab', 'AB' and 'ab ' equal: three people's rows as one.
        try database.run("""
            CREATE TABLE people (code varchar(16) PRIMARY KEY COLLATE utf8mb4_bin, email varchar(64));
            CREATE TABLE notes (id int PRIMARY KEY, person varchar(16) COLLATE utf8mb4_general_ci, topic text, value text);
            INSERT INTO people VALUES ('ab', 'ab@example.se'), ('AB', 'upper@example.se');
            INSERT INTO notes VALUES (1, 'ab', 't', 'v'), (2, 'AB', 't', 'v'), (3, 'ab ', 't', 'v');
            """)
        let yaml = MySQLSourceConfig.yaml(table: "people", key: "code", identifiers: "{ email: email }")
            .replacingOccurrences(of: "fields: {}", with: """
            fields: {}
                  - kind: preference
                    table: notes
                    key: id
                    subject: person
                    provenance: provided
                    legal-basis: consent
                    category: marketing
                    fields: { person: person, topic: topic, value: value }
            """)
        #expect(try await keys(yaml, for: "email:ab@example.se") == ["ab", "1"])
    }

    @Test func aZeroDateIsABrokenRowNamedBySourceTableAndKey() async throws {
        try database.run("""
            CREATE TABLE people (id int PRIMARY KEY, joined datetime);
            INSERT INTO people VALUES (1, '2024-01-01 10:00:00'), (2, '0000-00-00 00:00:00');
            """)
        let yaml = MySQLSourceConfig.yaml(table: "people", fields: "collected-at: joined")
        let error = try await ExportFailure.of { _ = try await keys(yaml, for: "customer-number:2") }
        #expect(error.code == .invalidRow && error.source == "web" && error.table == "people" && error.key == "2")
        #expect(error.description.contains("column joined: holds a zero date"), "\(error)")
    }

    @Test func aZeroDateFailsTheSampleCheckNamingTheColumnAndRow() async throws {
        try database.run("""
            CREATE TABLE people (id int PRIMARY KEY, joined datetime);
            INSERT INTO people VALUES (1, '2024-01-01 10:00:00'), (2, '0000-00-00 00:00:00');
            """)
        let sample = try #require(try await connector(MySQLSourceConfig.yaml(table: "people", fields: "collected-at: joined"))
            .sample(rowsPerMapping: 10).first)
        #expect(sample.rows == 2 && sample.records == 1 && !sample.allConvert)
        #expect(sample.summary.contains("column joined: holds a zero date") && sample.summary.contains("2"), "\(sample.summary)")
    }

    @Test func floatingPointMoneyIsRefusedByTheCheck() async throws {
        try database.run("""
            CREATE TABLE people (id int PRIMARY KEY);
            CREATE TABLE orders (id int PRIMARY KEY, customer int, placed timestamp, total double, currency char(3));
            """)
        let yaml = MySQLSourceConfig.yaml(table: "people").replacingOccurrences(of: "fields: {}", with: """
            fields: {}
                  - kind: order
                    table: orders
                    key: id
                    subject: customer
                    provenance: provided
                    legal-basis: contract
                    category: purchase
                    fields: { person: customer, orderNumber: id, placedAt: placed, total: { amount: total, currency: currency } }
            """)
        let error = try await ExportFailure.of { _ = try await connector(yaml).check() }
        #expect(error.code == .mappingMismatch && error.table == "orders" && error.message.contains("floating point"))
    }

    @Test func aQueryThatDoesNotPrepareIsNamedByItsMapping() async throws {
        try database.run("CREATE TABLE people (id int PRIMARY KEY);")
        let yaml = MySQLSourceConfig.yaml(table: "people").replacingOccurrences(of: "    table: people\n        key: id\n        subject: id\n",
                                                                               with: "    query: SELECT id FROM nowhere WHERE id = :subject\n        key: id\n")
        let error = try await ExportFailure.of { _ = try await connector(yaml).check() }
        #expect(error.code == .mappingMismatch && error.message.contains("the query of the person mapping cannot run (error 1146"), "\(error)")
    }

    @Test func everySubjectIsEnumeratedForBulkExport() async throws {
        try database.run("CREATE TABLE people (id int PRIMARY KEY, email varchar(64)); INSERT INTO people VALUES (2, 'b@example.se'), (1, 'a@example.se');")
        let connector = try connector(MySQLSourceConfig.yaml(table: "people", identifiers: "{ email: email }"))
        var subjects: [String] = []
        try await connector.enumerateSubjects { subjects.append($0.key + " " + ($0.identifiers.first?.value ?? "-")) }
        #expect(subjects == ["1 a@example.se", "2 b@example.se"])
    }
}
