import Foundation
@testable import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// How each MySQL type arrives, read from a table of the test's own on the real server.
@Suite struct MySQLColumnTypeTests {
    let database: MySQLTestDatabase

    init() throws {
        database = try MySQLTestDatabase()
        try database.run("""
            CREATE TABLE t (id int PRIMARY KEY, amount decimal(20,4), flag tinyint(1), bit_flag bit(1), small tinyint, local datetime(3),
                            utc timestamp NULL, day date, photo blob, doc json, old varchar(20) CHARACTER SET latin1, note text);
            INSERT INTO t VALUES (1, 12345678901234.5678, 1, b'1', 7, '2024-03-31 02:30:00.125', '2024-01-02 03:04:05', '2024-02-29',
                                  x'00FF10', '{"a": {"b": 1}}', 'Åsa Öberg', REPEAT('ä', 3000));
            INSERT INTO t (id, local, day) VALUES (2, '0000-00-00 00:00:00', '2024-00-10');
            """)
    }

    /// Row `id` as the connector reads it, with `json` columns' members.
    func row(_ id: Int, json: Set<String> = []) throws -> MySQLRow {
        let connection = try MySQLConnection(url: database.url, password: database.password, tls: .disable, source: "test")
        let statement = try connection.prepare("SELECT * FROM t WHERE id = ?")
        var rows: [MySQLRow] = []
        try statement.run([String(id)]) { rows.append(MySQLRow(columns: statement.columns, cells: $0, json: json)) }
        return try #require(rows.first)
    }

    @Test func aDecimalStaysItsExactText() throws {
        #expect(try row(1).value("amount") == .text("12345678901234.5678"))
    }

    @Test func tinyintOfWidthOneIsABooleanAndOtherIntegersAreIntegers() throws {
        let row = try row(1)
        #expect(row.value("flag") == .boolean(true) && row.value("small") == .integer(7) && row.value("id") == .integer(1))
    }

    @Test func bitOfWidthOneIsABoolean() throws {
        #expect(try row(1).value("bit_flag") == .boolean(true))
    }

    @Test func aDatetimeIsALocalTimeWithoutAZone() throws {
        #expect(try row(1).value("local") == .text("2024-03-31T02:30:00.125"))
    }

    @Test func aTimestampIsReadInUTC() throws {
        #expect(try row(1).value("utc") == .text("2024-01-02T03:04:05Z"))
    }

    @Test func aBlobIsBytes() throws {
        #expect(try row(1).value("photo") == .blob([0x00, 0xFF, 0x10]))
    }

    @Test func aLatin1ColumnArrivesAsUTF8() throws {
        #expect(try row(1).value("old") == .text("Åsa Öberg"))
    }

    @Test func aValueLongerThanTheFetchBufferIsReadWhole() throws {
        #expect(try row(1).value("note") == .text(String(repeating: "ä", count: 3000)))
    }

    @Test func aJSONColumnsMembersAreDottedNames() throws {
        #expect(try row(1, json: ["doc"]).value("doc.a.b") == .integer(1))
    }

    @Test func aZeroDateIsARowProblemNamingTheColumn() throws {
        let mapping = try #require(try PortaConfig.parse(yaml: MySQLSourceConfig.yaml(table: "t", fields: "collected-at: local"),
                                                         file: "porta.yml", baseDirectory: "/").sources.first?.records.first)
        let error = try #require(throws: ConnectorError.self) {
            _ = try row(2).record(RowMapper(mapping: mapping, source: "web", referenceDate: SampleSubject.day), mapping: mapping, source: "web")
        }
        #expect(error.code == .invalidRow && error.key == "2" && error.message == "column local: holds a zero date (0000-00-00, or a zero month or day), which is no day")
    }
}
