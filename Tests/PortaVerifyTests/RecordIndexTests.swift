import PortaModel
import PortaTestSupport
import PortaVerify
import Testing

/// The scratch index of ids and references (level 3, and the export's own check), on its own:
/// it keeps ids in a compact form, so what it reports must still be the ids as written.
@Suite struct RecordIndexTests {
    let folder = TemporaryFolder("porta-index")

    private func add(_ rows: [(CanonicalRecord, String, Int)], to index: RecordIndex) throws {
        var batch = RecordIndex.Batch()
        for (record, file, line) in rows { batch.record(record, file: file, line: line) }
        try index.add(&batch)
    }

    @Test func duplicatesAreNamedByTheirIdsInTheIdsOrderWithTheFirstFileByName() throws {
        let index = try RecordIndex(path: folder.file("index.sqlite"))
        let order = try ExampleRecords.full(.order, key: "7")
        let person = try ExampleRecords.full(.person, key: "7")
        let email = try ExampleRecords.full(.emailAddress, key: "7")
        try add([(person, "z/person.json", 2), (order, "data/json/order.json", 2), (email, "e.json", 2),
                 (order, "a/order.json", 9), (person, "data/json/person.json", 3), (email, "e.json", 3)], to: index)
        let findings = try index.findings(level: 3).filter { $0.code == "duplicate-id" }
        let expected = [(email, "e.json"), (order, "a/order.json"), (person, "data/json/person.json")]
            .sorted { $0.0.id.rawValue < $1.0.id.rawValue }
        #expect(findings.map(\.record) == expected.map(\.0.id.rawValue))
        #expect(findings.map(\.path) == expected.map(\.1))
        #expect(findings.allSatisfy { $0.message == "the id is used by 2 records" })
    }

    @Test func aReferenceWithoutItsTargetIsNamedByFileLineRecordAndField() throws {
        let index = try RecordIndex(path: folder.file("index.sqlite"))
        let order = try ExampleRecords.full(.order)
        try add([(try ExampleRecords.full(.person), "data/json/person.json", 2), (order, "data/json/order.json", 5)], to: index)
        let findings = try index.findings(level: 3)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.code == "dangling-reference" && finding.path == "data/json/order.json" && finding.line == 5)
        #expect(finding.record == order.id.rawValue)
        #expect(finding.message == "field deliveryAddress refers to a postal-address record the bundle does not hold")
    }

    @Test func idsAndReferencesThatHoldGiveNoFindings() throws {
        let index = try RecordIndex(path: folder.file("index.sqlite"))
        try add([(try ExampleRecords.full(.order), "data/json/order.json", 2),
                 (try ExampleRecords.full(.person), "data/json/person.json", 2),
                 (try ExampleRecords.full(.postalAddress), "data/json/postal-address.json", 2)], to: index)
        #expect(try index.findings(level: 3).isEmpty)
    }

    @Test func rowsAddedInManyBatchesAreCheckedTogether() throws {
        let index = try RecordIndex(path: folder.file("index.sqlite"))
        var batch = RecordIndex.Batch()
        for key in 0..<50_000 {
            batch.record(try ExampleRecords.full(.person, key: "\(key)"), file: "data/json/person.json", line: key + 2)
            if batch.isFull { try index.add(&batch) }
        }
        batch.record(try ExampleRecords.full(.person, key: "49999"), file: "data/json/person.json", line: 50_002)
        try index.add(&batch)
        let findings = try index.findings(level: 3)
        #expect(findings.map(\.record) == [try ExampleRecords.full(.person, key: "49999").id.rawValue])
    }
}
