import Foundation
import PortaBytes
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// Broken record files: each problem is a ``FormatError`` naming the file, the line and the
/// record, and never quoting a value.
@Suite struct ReaderErrorTests {
    static let anna = try! RoundTripTests.review("1", body: "Anna Svensson, 070-123 45 67")

    func readAll(_ reader: inout some RecordReader) throws -> [CanonicalRecord] {
        var records: [CanonicalRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    func jsonError(_ text: String) throws -> FormatError {
        try #require(throws: FormatError.self) {
            var reader = try JSONRecordReader(input: ByteInput(bytes: Array(text.utf8), name: "data/json/review.json", format: .json), kind: .review)
            _ = try readAll(&reader)
        }
    }

    func csvError(_ text: String) throws -> FormatError {
        try #require(throws: FormatError.self) {
            var reader = try CSVRecordReader(input: ByteInput(bytes: Array(text.utf8), name: "data/csv/review.csv", format: .csv), kind: .review)
            _ = try readAll(&reader)
        }
    }

    func xmlError(_ text: String, kind: RecordKind = .review) throws -> FormatError {
        let folder = TemporaryFolder()
        let path = try RecordFileFixture.save(Array(text.utf8), as: "file.xml", in: folder)
        return try #require(throws: FormatError.self) {
            var reader = try XMLRecordReader(path: path, name: "data/xml/\(kind.name).xml", kind: kind)
            _ = try readAll(&reader)
        }
    }

    /// The JSON text of the Anna review with one line changed.
    func annaJSON(replacing old: String, with new: String) throws -> String {
        let text = String(decoding: try RecordFileFixture.json(.review, [Self.anna, Self.anna]), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return ([lines[0], lines[1]] + [lines[2].replacingOccurrences(of: old, with: new)] + lines[3...]).joined(separator: "\n")
    }

    // MARK: JSON

    @Test func aDuplicateKeyIsNamedWithItsRecordAndLine() throws {
        let error = try jsonError(try annaJSON(replacing: #""body":"#, with: #""rating":1,"rating":"#))
        #expect(error.file == "data/json/review.json" && error.line == 3 && error.record == 1)
        #expect(error.message.contains("duplicate key \"rating\""))
    }

    @Test func anUnknownKeyIsAnError() throws {
        let error = try jsonError(try annaJSON(replacing: #""body":"#, with: #""shoeSize":42,"body":"#))
        #expect(error.message.contains("no field \"shoeSize\"") && error.record == 1)
        #expect(error.recordID == Self.anna.id.rawValue)
    }

    @Test func aWrongTypeIsAnError() throws {
        let error = try jsonError(try annaJSON(replacing: #""body":"#, with: #""rating":"5","body":"#))
        #expect(error.message.contains("rating") && error.line == 3)
    }

    @Test func nullIsNotAValue() throws {
        #expect(try jsonError(try annaJSON(replacing: #""body":"#, with: #""rating":null,"body":"#)).message.contains("null"))
    }

    @Test func trailingDataIsAnError() throws {
        let text = String(decoding: try RecordFileFixture.json(.review, [Self.anna]), as: UTF8.self) + "[]"
        #expect(try jsonError(text).message.contains("after the end"))
    }

    @Test func anIdThatDoesNotDeriveFromItsSourceKeyIsAnError() throws {
        let error = try jsonError(try annaJSON(replacing: #""sourceKey":"1""#, with: #""sourceKey":"2""#))
        #expect(error.message.contains("does not derive"))
    }

    @Test func aTimestampNotInPortasFormIsAnError() throws {
        let record = try ExampleRecords.full(.review)
        let text = String(decoding: try RecordFileFixture.json(.review, [record]), as: UTF8.self)
            .replacingOccurrences(of: "2024-02-29T22:59:59.5Z", with: "2024-02-29T23:59:59.5+01:00")
        var reader = try JSONRecordReader(input: ByteInput(bytes: Array(text.utf8), name: "r.json", format: .json), kind: .review)
        #expect(throws: FormatError.self) { _ = try readAll(&reader) }
    }

    @Test func noErrorQuotesAValue() throws {
        let errors = [
            try jsonError(try annaJSON(replacing: #""body":"#, with: #""rating":"Anna Svensson","body":"#)),
            try csvError("id,source\r\n"),
            try xmlError(#"<review-records xmlns="urn:porta:1"><review><id>Anna Svensson</id></review></review-records>"#),
        ]
        for error in errors {
            #expect(!error.description.contains("Anna"), "\(error)")
        }
    }

    // MARK: CSV

    func annaCSV(_ edit: (inout [String]) -> Void) throws -> String {
        let text = String(decoding: try RecordFileFixture.csv(.review, [Self.anna, Self.anna]), as: UTF8.self)
        var rows = text.components(separatedBy: "\r\n")
        edit(&rows)
        return rows.joined(separator: "\r\n")
    }

    @Test func aHeaderThatIsNotTheKindsIsAnErrorOnLine1() throws {
        let error = try csvError(try annaCSV { $0[0] = $0[0].replacingOccurrences(of: "rating", with: "stars") })
        #expect(error.line == 1 && error.message.contains("header"))
    }

    @Test func aRowWithTooFewCellsIsNamedByLine() throws {
        let error = try csvError(try annaCSV { $0[2] = String($0[2].dropLast()) })
        #expect(error.line == 3 && error.record == 1 && error.message.contains("cells"))
    }

    @Test(arguments: ["1e3", "01", "+1", "1.0", " 1"])
    func anIntegerNotWrittenPlainlyIsAnError(_ rating: String) throws {
        let error = try csvError(try annaCSV { rows in
            var cells = rows[1].components(separatedBy: ",")
            cells[FlatColumn.columns(of: .review).firstIndex { $0.name == "rating" }!] = rating
            rows[1] = cells.joined(separator: ",")
        })
        #expect(error.line == 2 && error.message.contains("rating"))
    }

    @Test func halfAMoneyValueIsAnError() throws {
        let line = try ExampleRecords.full(.orderLine)
        let text = String(decoding: try RecordFileFixture.csv(.orderLine, [line]), as: UTF8.self).replacingOccurrences(of: ",SEK", with: ",")
        let error = try #require(throws: FormatError.self) {
            let input = ByteInput(bytes: Array(text.utf8), name: "o.csv", format: .csv)
            var reader = try CSVRecordReader(input: input, kind: .orderLine)
            _ = try readAll(&reader)
        }
        #expect(error.message.contains("unitPrice"))
    }

    @Test func anUnclosedQuoteNamesTheLineItStartsOn() throws {
        let error = try csvError(try annaCSV { $0[2] += ",\"open" })
        #expect(error.line == 3 && error.record == 1)
    }

    // MARK: XML

    @Test func anElementOutOfOrderFailsTheSchemaWithItsLine() throws {
        let text = String(decoding: try RecordFileFixture.xml(.review, [Self.anna, Self.anna]), as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        lines[3] = lines[3].replacingOccurrences(of: "<source>shop</source><sourceKey>1</sourceKey>", with: "<sourceKey>1</sourceKey><source>shop</source>")
        let error = try xmlError(lines.joined(separator: "\n"))
        #expect(error.file == "data/xml/review.xml" && error.line == 4 && error.record == 1)
    }

    @Test func aFileOfAnotherKindIsAnError() throws {
        let text = String(decoding: try RecordFileFixture.xml(.consent, []), as: UTF8.self)
        #expect(try xmlError(text).message.contains("root element"))
    }

    @Test func aValueMarkedBase64ThatIsNotIsAnError() throws {
        let text = String(decoding: try RecordFileFixture.xml(.review, [Self.anna]), as: UTF8.self)
            .replacingOccurrences(of: "<body>", with: #"<body encoding="base64">"#)
        #expect(try xmlError(text).message.contains("base64"))
    }

    @Test func aSchemaErrorDoesNotQuoteTheValue() throws {
        let number = try ExampleRecords.full(.phoneNumber)
        let text = String(decoding: try RecordFileFixture.xml(.phoneNumber, [number]), as: UTF8.self)
            .replacingOccurrences(of: "+46701234567", with: "0701234567")
        let error = try xmlError(text, kind: .phoneNumber)
        #expect(error.line == 3 && !error.description.contains("0701234567"), "\(error)")
    }
}

/// Hostile XML: the reader refuses it without network, without reading local files and
/// without blowing up memory.
@Suite struct HostileXMLTests {
    func read(_ text: String) throws {
        let folder = TemporaryFolder()
        let path = try RecordFileFixture.save(Array(text.utf8), as: "hostile.xml", in: folder)
        let reader = try XMLRecordReader(path: path, name: "data/xml/review.xml", kind: .review)
        while try reader.next() != nil {}
    }

    @Test func anExternalEntityIsRefusedAndNotExpanded() throws {
        let secret = TemporaryFolder()
        let secretPath = try RecordFileFixture.save(Array("TOP-SECRET-CONTENT".utf8), as: "secret.txt", in: secret)
        let record = String(decoding: try RecordFileFixture.xml(.review, [ReaderErrorTests.anna]), as: UTF8.self)
            .replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#,
                                  with: #"<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE review-records [<!ENTITY xxe SYSTEM "file://\#(secretPath)">]>"#)
            .replacingOccurrences(of: "<body>", with: "<body>&xxe;")
        let error = try #require(throws: FormatError.self) { try read(record) }
        #expect(!error.description.contains("TOP-SECRET"))
        #expect(error.message.contains("DOCTYPE") || error.message.contains("entity"))
    }

    @Test func aDOCTYPEIsReportedOnTheLineItStartsOn() throws {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE review-records [\n<!ENTITY a \"a\">\n<!ENTITY b \"b\">\n]>\n\n"
            + "<review-records xmlns=\"urn:porta:1\">\n</review-records>\n"
        let error = try #require(throws: FormatError.self) { try read(text) }
        #expect(error.message.contains("DOCTYPE"))
        #expect(error.line == 2, "\(error)")
    }

    @Test func aNetworkEntityIsRefusedWithoutFetching() throws {
        let text = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY net SYSTEM "http://192.0.2.1/x">]><review-records xmlns="urn:porta:1">&net;</review-records>"#
        let started = Date()
        #expect(throws: FormatError.self) { try read(text) }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func billionLaughsFailsAtOnce() throws {
        var text = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        for level in 1...9 {
            text += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        text += #"]><review-records xmlns="urn:porta:1"><review><id>&lol9;</id></review></review-records>"#
        let started = Date()
        #expect(throws: FormatError.self) { try read(text) }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func malformedXMLIsNamedByLine() throws {
        let error = try #require(throws: FormatError.self) { try read("<review-records xmlns=\"urn:porta:1\">\n<review>\n</review-records>") }
        #expect(error.line == 3)
    }
}
