import Foundation
@testable import PortaConnectors
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// The CSV connector against frictionless-py's messy CSVs (Tests/Fixtures/messy-csv): each is
/// read, or refused with a named error; none crashes.
@Suite struct MessyCSVTests {
    static let folder = Repository.path("Tests/Fixtures/messy-csv")
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".tsv") }.sorted()

    /// A CSV source over one corpus file with these settings.
    static func reader(_ name: String, settings: String = "") throws -> CSVUnitReader {
        let yaml = """
            porta: 1
            controller: { id: test, name: Test, country: SE }
            sources:
              - id: messy
                connector: csv
                path: \(folder)/\(name)
                \(settings.isEmpty ? "" : "csv: \(settings)")
                subjects: { identifiers: { email: email } }
                records:
                  - kind: preference
                    key: id
                    fields: { person: id, topic: id, value: id }
                    provenance: provided
                    legal-basis: contract
                    category: test
            """
        let source = try PortaConfig.parse(yaml: yaml, file: "porta.yml", baseDirectory: "/").sources[0]
        guard case .csv(let csv) = source.settings else { throw ConnectorError(.unavailable, source: "messy", message: "no settings") }
        return CSVUnitReader(source: source, settings: csv, referenceDate: try CalendarDate(parsing: "2026-01-01"))
    }

    /// The rows read, or the error that stopped them.
    static func read(_ name: String, settings: String = "") async throws -> (rows: [SourceUnit.Row], malformed: [Int], error: ConnectorError?) {
        var rows: [SourceUnit.Row] = [], malformed: [Int] = []
        do {
            try await reader(name, settings: settings).readUnits(for: []) { unit in
                if unit.malformed != nil { malformed.append(unit.line ?? 0) } else { rows += unit.rows["rows"] ?? [] }
            }
        } catch let error as ConnectorError {
            return (rows, malformed, error)
        }
        return (rows, malformed, nil)
    }

    @Test func theCorpusIsThere() { #expect(Self.files.count == 25) }

    @Test(arguments: files)
    func everyFileIsReadOrRefusedByName(_ name: String) async throws {
        let result = try await Self.read(name)
        if let error = result.error {
            #expect(error.file?.hasSuffix(name) == true && !error.message.isEmpty, "\(name): \(error)")
        }
    }

    @Test func aByteOrderMarkIsSkipped() async throws {
        let result = try await Self.read("bom.csv")
        #expect(result.error == nil && result.rows.first?.keys.contains { $0.hasPrefix("\u{FEFF}") } == false)
    }

    @Test func latin1IsRefusedAsUTF8AndReadWhenNamed() async throws {
        let wrong = try await Self.read("latin1.csv")
        #expect(wrong.error?.message.contains("utf-8") == true && wrong.error?.line != nil)
        let right = try await Self.read("latin1.csv", settings: "{ encoding: iso-8859-1 }")
        #expect(right.error == nil && right.rows.contains { $0.values.contains(.text("©")) || $0.values.contains { value in
            if case .text(let text) = value { return text.contains("©") } else { return false }
        } })
    }

    @Test func aSemicolonFileIsReadWithItsDelimiter() async throws {
        let result = try await Self.read("issue-1009-semicolon.csv", settings: "{ delimiter: \";\" }")
        #expect(result.error == nil && result.malformed.isEmpty && !result.rows.isEmpty)
        #expect(result.rows.contains { $0.values.contains(.text("0123")) }, "a leading zero stays text")
    }

    @Test func duplicateHeadersAreAMappingError() async throws {
        let result = try await Self.read("duplicate-headers.csv")
        #expect(result.error?.code == .mappingMismatch && result.error?.line == 1)
    }

    @Test func rowsWithTheWrongNumberOfCellsAreNamedByLine() async throws {
        let result = try await Self.read("defective-rows.csv")
        #expect(result.error == nil && !result.malformed.isEmpty)
    }

    @Test func anEmptyFileHasNoRows() async throws {
        let result = try await Self.read("empty.csv")
        #expect(result.error == nil && result.rows.isEmpty)
    }
}
