import Foundation
import PortaBytes
import PortaFormats
import PortaTestSupport
import Testing

/// The parsers against test suites written outside this project (Tests/Fixtures, with their
/// licences): accept what should be accepted with the expected result, reject the rest with a
/// named error, never crash.
@Suite struct JSONTestSuiteTests {
    static let folder = Repository.path("Tests/Fixtures/json-test-suite/test_parsing")
    static func files(_ prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
    }

    static func parse(_ name: String, allowsDuplicateKeys: Bool = true) throws -> ParsedJSON {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        var parser = StrictJSONParser(input: ByteInput(bytes: bytes, name: name, format: .json), allowsDuplicateKeys: allowsDuplicateKeys)
        return try parser.parseDocument()
    }

    @Test func theSuiteIsThere() {
        #expect(Self.files("y_").count == 95 && Self.files("n_").count == 188 && Self.files("i_").count == 35)
    }

    @Test(arguments: files("y_"))
    func acceptsWhatRFC8259Accepts(_ name: String) {
        #expect(throws: Never.self) { try Self.parse(name) }
    }

    @Test(arguments: ["y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json"])
    func refusesDuplicateKeysWhereRecordsAreRead(_ name: String) {
        #expect(throws: FormatError.self) { try Self.parse(name, allowsDuplicateKeys: false) }
    }

    @Test(arguments: files("n_"))
    func rejectsWhatRFC8259RejectsWithANamedError(_ name: String) {
        #expect(throws: FormatError.self) { try Self.parse(name) }
    }

    /// Porta's choice for the implementation-defined files: numbers of any size are accepted
    /// (kept as their literal text), and so is nesting up to 512; a BOM, UTF-16, invalid
    /// UTF-8 and escaped lone surrogates are rejected.
    static let acceptedImplementationDefined: Set<String> = [
        "i_number_double_huge_neg_exp.json", "i_number_huge_exp.json", "i_number_neg_int_huge_exp.json",
        "i_number_pos_double_huge_exp.json", "i_number_real_neg_overflow.json", "i_number_real_pos_overflow.json",
        "i_number_real_underflow.json", "i_number_too_big_neg_int.json", "i_number_too_big_pos_int.json",
        "i_number_very_big_negative_int.json", "i_structure_500_nested_arrays.json",
    ]

    @Test(arguments: files("i_"))
    func decidesImplementationDefinedCasesAsDocumented(_ name: String) {
        let accepted = (try? Self.parse(name)) != nil
        #expect(accepted == Self.acceptedImplementationDefined.contains(name))
    }

    @Test func anErrorNamesTheFileAndLine() throws {
        let bytes = Array("[\n1,\n2,,\n]".utf8)
        var parser = StrictJSONParser(input: ByteInput(bytes: bytes, name: "x.json", format: .json))
        let error = try #require(throws: FormatError.self) { try parser.parseDocument() }
        #expect(error.file == "x.json" && error.line == 3)
    }
}

@Suite struct CSVSpectrumTests {
    static let folder = Repository.path("Tests/Fixtures/csv-spectrum")
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/csvs")) ?? [])
        .map { String($0.dropLast(4)) }.filter { $0 != "location_coordinates" }.sorted()

    static func rows(_ name: String, strictQuotes: Bool = true) throws -> [[String: String]] {
        var parser = CSVParser(input: try ByteInput(path: folder + "/csvs/\(name).csv", name: name, format: .csv),
                               strictQuotes: strictQuotes)
        guard let header = try parser.nextRow() else { return [] }
        var rows: [[String: String]] = []
        while let row = try parser.nextRow() {
            rows.append(Dictionary(uniqueKeysWithValues: zip(header.cells, row.cells)))
        }
        return rows
    }

    @Test func theSuiteIsThere() { #expect(Self.names.count == 11) }

    @Test(arguments: names)
    func parsesAsTheSuiteExpects(_ name: String) throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.folder + "/json/\(name).json"))) as? [[String: String]]
        #expect(try Self.rows(name) == expected)
    }

    /// The broken upstream pair (see Tests/Fixtures/README.md): `37.8"N` has a quote inside an
    /// unquoted cell, which RFC 4180 forbids; the lenient mode keeps it, with no final newline.
    @Test func aQuoteInsideAnUnquotedCellIsNamedOrKeptByMode() throws {
        let error = try #require(throws: FormatError.self) { try Self.rows("location_coordinates") }
        #expect(error.line == 2 && error.message.contains("quote inside an unquoted cell"))
        let rows = try Self.rows("location_coordinates", strictQuotes: false)
        #expect(rows.count == 1 && rows[0]["Cities"] == "Modesto" && rows[0]["Location Coordinates"]?.contains("37.8\"N") == true)
    }
}
