import Foundation
import PortaBytes
import PortaFormats
import PortaModel
import Testing

@Suite struct JSONRecordWriterTests {
    func review(_ key: String, body: String?) throws -> CanonicalRecord {
        var values: [String: FieldValue] = ["person": .reference(RecordID(source: "shop", kind: .person, sourceKey: "1")),
                                            "rating": .integer(5)]
        if let body { values["body"] = .text(body) }
        return try CanonicalRecord(kind: .review,
                          metadata: RecordMetadata(kind: .review, source: "shop", sourceKey: key, provenance: .provided,
                                                   legalBasis: .consent, category: try DataCategory("opinion"),
                                                   collectedAt: Timestamp(seconds: 1_700_000_000)),
                          values: values)
    }

    func written(_ records: [CanonicalRecord], kind: RecordKind = .review) throws -> String {
        var writer = JSONRecordWriter(kind: kind, sink: MemorySink())
        for record in records { try writer.write(record) }
        try writer.finish()
        return String(decoding: writer.sink.bytes, as: UTF8.self)
    }

    @Test func writesOneRecordPerLineInsideAnArray() throws {
        let text = try written([try review("1", body: "Bra"), try review("2", body: nil)])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)
        #expect(lines.first == "[")
        #expect(lines[1].hasPrefix("{\"id\":\"rev_") && lines[1].hasSuffix("},"))
        #expect(lines[3] == "]" && lines[4] == "")
    }

    @Test func anEmptyFileIsAnEmptyArray() throws {
        #expect(try written([]) == "[\n]\n")
    }

    @Test func keysComeInTheDocumentedOrder() throws {
        let text = try written([try review("1", body: "Bra")])
        let keys = ["\"id\"", "\"source\"", "\"sourceKey\"", "\"provenance\"", "\"legalBasis\"", "\"category\"",
                    "\"collectedAt\"", "\"person\"", "\"rating\"", "\"body\""]
        let positions = keys.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func absentOptionalFieldsAreLeftOut() throws {
        #expect(!(try written([try review("1", body: nil)])).contains("\"body\""))
    }

    @Test(arguments: ["quote \" and backslash \\", "line\nbreak\r\nand tab\t", "control \u{01}\u{1F}\u{7F}",
                      "emoji 🌧️⛺ and combining e\u{301}", "slash / stays", String(repeating: "långt ", count: 20_000)])
    func textSurvivesAStrictJSONParser(_ body: String) throws {
        let text = try written([try review("1", body: body)])
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["body"] as? String == body)
    }

    @Test func controlCharactersAreEscaped() throws {
        let text = try written([try review("1", body: "a\u{01}b\nc")])
        #expect(text.contains(#""body":"a\u0001b\nc""#))
    }

    @Test func moneyIsAnExactStringWithItsCurrency() throws {
        let order = try CanonicalRecord(kind: .order,
                               metadata: RecordMetadata(kind: .order, source: "shop", sourceKey: "1", provenance: .provided,
                                                        legalBasis: .contract, category: try DataCategory("purchase"), collectedAt: nil),
                               values: ["person": .reference(RecordID(source: "shop", kind: .person, sourceKey: "1")),
                                        "orderNumber": .text("1e3"), "placedAt": .timestamp(Timestamp(seconds: 0)),
                                        "total": .money(try Money(amount: "0.10", currency: "SEK"))])
        let text = try written([order], kind: .order)
        #expect(text.contains(#""total":{"amount":"0.10","currency":"SEK"}"#))
        #expect(text.contains(#""orderNumber":"1e3""#))
        #expect(text.contains(#""placedAt":"1970-01-01T00:00:00Z""#))
    }

    @Test func theSameRecordsGiveTheSameBytes() throws {
        let records = [try review("1", body: "Bra"), try review("2", body: "Dålig")]
        #expect(try written(records) == written(records))
    }
}

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndIndentsByTwoSpaces() {
        let value = JSONValue.object([("b", .integer(1)), ("a", .array([.string("x"), .boolean(true), .null])), ("c", .object([]))])
        let text = String(decoding: value.serialized(), as: UTF8.self)
        #expect(text == "{\n  \"b\": 1,\n  \"a\": [\n    \"x\",\n    true,\n    null\n  ],\n  \"c\": {}\n}\n")
    }
}
