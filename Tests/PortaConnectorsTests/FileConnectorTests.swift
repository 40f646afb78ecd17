import Foundation
import Logging
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// The CSV, NDJSON and JSON connectors against the sample's files and broken copies of them.
@Suite struct CSVConnectorTests {
    @Test func readsTheWindows1252ReviewsOfTheSubject() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "reviews", for: ["email:anna.svensson@example.se"]).map(\.record)
        #expect(records.count == 1)
        let review = try #require(records.first)
        #expect(review["title"] == .text("Bra tält – nästan"))
        #expect(review["body"] == .text("Stod emot blåsten; pinnarna böjdes."))
        #expect(review["rating"] == .integer(4))
        #expect(review["person"] == .reference(RecordID(source: "shop", kind: .person, sourceKey: "1")))
    }

    @Test func keepsAQuotedLineBreakInsideACell() async throws {
        let sample = try SampleController()
        let review = try #require(try await sample.records(from: "reviews", for: ["email:maja.lind@example.net"]).first?.record)
        #expect(review["body"] == .text("Gick sönder\r\nefter en dag"))
    }

    @Test func aRowWithTooFewCellsIsNamedByFileAndLine() async throws {
        let sample = try SampleController()
        try BagFiles.append("R-9005;1;anna.svensson@example.se;TNT-2P\r\n", to: sample.folder.file("reviews.csv"))
        let error = try await ExportFailure.of { try await sample.records(from: "reviews", for: ["email:anna.svensson@example.se"]) }
        #expect(error.code == .invalidRow && error.file == "reviews.csv" && error.line == 7 && error.message.contains("cells"))
    }

    @Test func underSkipABrokenRowIsReportedAndTheRestRead() async throws {
        let sample = try SampleController(editConfig: {
            $0.replacingOccurrences(of: "    connector: csv\n", with: "    connector: csv\n    on-error: skip\n")
        })
        try BagFiles.append("R-9006;1;anna.svensson@example.se;TNT-2P;x;;;2025-01-01T00:00:00Z\r\n", to: sample.folder.file("reviews.csv"))
        let connector = try sample.connector("reviews")
        let match = try await connector.findSubject(matching: [SubjectIdentifier(parsing: "email:anna.svensson@example.se", referenceDate: SampleSubject.day)])
        var problems: [ConnectorError] = []
        var records: [PulledRecord] = []
        try await connector.streamRecords(of: match, problem: { problems.append($0) }) { records.append($0) }
        #expect(records.count == 1)
        #expect(problems.count == 1 && problems[0].key == "R-9006" && problems[0].line == 7 && problems[0].message.hasPrefix("rating"))
    }
}

@Suite struct JSONConnectorTests {
    @Test func readsTheSubjectsConsentEventsFromNDJSON() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "marketing", for: ["email:erik.j@work.example"]).map(\.record)
        #expect(records.map(\.metadata.sourceKey) == ["e-1003", "e-1004"])
        #expect(records[1]["status"] == .text("withdrawn"))
        #expect(records[1]["withdrawnAt"] == .timestamp(try Timestamp(parsing: "2025-01-15T08:00:00Z")))
        #expect(records[0]["person"] == .reference(RecordID(source: "crm", kind: .person, sourceKey: "503")))
    }

    @Test func aMalformedLineIsNamedByFileAndLine() async throws {
        let sample = try SampleController()
        try BagFiles.append("{\"event\": \"e-1006\", \"email\": \"anna.svensson@example.se\",\n", to: sample.folder.file("marketing-consents.ndjson"))
        let error = try await ExportFailure.of { try await sample.records(from: "marketing", for: ["email:anna.svensson@example.se"]) }
        #expect(error.code == .invalidRow && error.file == "marketing-consents.ndjson" && error.line == 6)
    }

    @Test func aJSONDocumentsRecordsAreFoundByAPointer() async throws {
        let sample = try SampleController(editConfig: {
            $0.replacingOccurrences(of: "    connector: ndjson\n    path: marketing-consents.ndjson\n",
                                    with: "    connector: json\n    path: consents.json\n    json: { records: /data/events }\n")
        })
        let lines = try String(contentsOfFile: sample.folder.file("marketing-consents.ndjson"), encoding: .utf8)
            .split(separator: "\n").joined(separator: ",\n")
        try BagFiles.write("{\"meta\": {\"n\": [1, {\"x\": null}]}, \"data\": {\"skip\": [], \"events\": [\n\(lines)\n], \"after\": true}}\n",
                           to: sample.folder.file("consents.json"))
        let records = try await sample.records(from: "marketing", for: ["email:anna.svensson@example.se"]).map(\.record)
        #expect(records.map(\.metadata.sourceKey) == ["e-1001", "e-1002"])
    }
}
