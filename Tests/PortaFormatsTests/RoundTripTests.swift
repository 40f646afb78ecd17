import Foundation
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// Model → each format → model gives back the same records, for every kind and for the
/// awkward values a person's data holds.
@Suite struct RoundTripTests {
    enum Format: String, CaseIterable { case json, csv, xml }

    /// Writes `records` in `format` to a file and reads them back.
    static func roundTrip(_ records: [CanonicalRecord], kind: RecordKind, format: Format) throws -> [CanonicalRecord] {
        let folder = TemporaryFolder()
        let bytes: [UInt8]
        switch format {
        case .json: bytes = try RecordFileFixture.json(kind, records)
        case .csv: bytes = try RecordFileFixture.csv(kind, records)
        case .xml: bytes = try RecordFileFixture.xml(kind, records)
        }
        let path = try RecordFileFixture.save(bytes, as: "\(kind.name).\(format.rawValue)", in: folder)
        var reader: any RecordReader
        switch format {
        case .json: reader = try JSONRecordReader(path: path, name: "data/json/\(kind.name).json", kind: kind)
        case .csv: reader = try CSVRecordReader(path: path, name: "data/csv/\(kind.name).csv", kind: kind)
        case .xml: reader = try XMLRecordReader(path: path, name: "data/xml/\(kind.name).xml", kind: kind)
        }
        var read: [CanonicalRecord] = []
        while let record = try reader.next() { read.append(record) }
        return read
    }

    static let awkwardTexts = [
        "quote \" and 'single'", "comma, and; semicolon", "CR\rLF\nCRLF\r\n", "  leading and trailing  ",
        "emoji 🌧️⛺👩‍👩‍👧 and combining e\u{301} vs é", "control \u{01}\u{08}\u{1B}\u{7F} and NUL \u{00}",
        "not a character \u{FFFE}\u{FFFF}", "<tag> & &amp; ]]> </porta>", "1e3", "0.10", "-0", "true", "null", "=SUM(A1)",
        String(repeating: "långt värde ", count: 50_000), "\t", " ",
    ]

    static func review(_ key: String, body: String?, rating: Int64? = nil) throws -> CanonicalRecord {
        var values: [String: FieldValue] = ["person": .reference(RecordID(source: "shop", kind: .person, sourceKey: "1"))]
        if let body { values["body"] = .text(body) }
        if let rating { values["rating"] = .integer(rating) }
        let metadata = RecordMetadata(kind: .review, source: "shop", sourceKey: key, provenance: .provided, legalBasis: .consent,
                                      category: try DataCategory("review"), collectedAt: nil)
        return try CanonicalRecord(kind: .review, metadata: metadata, values: values)
    }

    @Test(arguments: Format.allCases, RecordKind.all.map(\.name))
    func aFullRecordOfEveryKindSurvives(_ format: Format, _ name: String) throws {
        let kind = try #require(RecordKind(named: name))
        let records = try RecordFileFixture.fullRecords(kind)
        #expect(try Self.roundTrip(records, kind: kind, format: format) == records)
    }

    @Test(arguments: Format.allCases)
    func awkwardTextSurvives(_ format: Format) throws {
        let records = try Self.awkwardTexts.enumerated().map { try Self.review("\($0.offset)", body: $0.element) }
        let read = try Self.roundTrip(records, kind: .review, format: format)
        #expect(read.count == records.count)
        for (written, back) in zip(records, read) {
            #expect(back == written, "text \(written.metadata.sourceKey) changed in \(format)")
        }
    }

    @Test(arguments: Format.allCases)
    func missingOptionalFieldsStayMissing(_ format: Format) throws {
        let records = [try Self.review("1", body: nil), try Self.review("2", body: "x", rating: nil)]
        let read = try Self.roundTrip(records, kind: .review, format: format)
        #expect(read == records)
        #expect(read[0]["body"] == nil && read[1]["rating"] == nil)
    }

    @Test(arguments: Format.allCases)
    func extremeIntegersAndDecimalMoneySurvive(_ format: Format) throws {
        let records = try [Int64.min, Int64.max, 0, -1].enumerated().map { try Self.review("\($0.offset)", body: nil, rating: $0.element) }
        #expect(try Self.roundTrip(records, kind: .review, format: format) == records)
        let lines = try ["0.10", "1000", "-0.5", "12345678901234567890.000001"].enumerated().map { index, amount in
            var values = try ExampleRecords.full(.orderLine, key: "\(index)").values
            values["unitPrice"] = .money(try Money(amount: amount, currency: "EUR"))
            let metadata = RecordMetadata(kind: .orderLine, source: "shop", sourceKey: "\(index)", provenance: .provided,
                                          legalBasis: .contract, category: try DataCategory("purchase"), collectedAt: nil)
            return try CanonicalRecord(kind: .orderLine, metadata: metadata, values: values)
        }
        let read = try Self.roundTrip(lines, kind: .orderLine, format: format)
        #expect(read == lines)
        #expect(read.first?["unitPrice"] == .money(try Money(amount: "0.10", currency: "EUR")))
    }

    @Test(arguments: Format.allCases)
    func aFileWithNoRecordsReadsAsNoRecords(_ format: Format) throws {
        #expect(try Self.roundTrip([], kind: .consent, format: format).isEmpty)
    }
}
