import Foundation
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// The sample bundle, judged by outside validators against the published formats: JSON
/// Schema, Frictionless and xmllint with the XSD.
@Suite struct PublishedFormatTests {
    func exportSample(purpose: Purpose, into out: TemporaryFolder, sample: SampleController) async throws -> String {
        try await sample.export(purpose: purpose, into: out.path).bundlePath
    }

    @Test(arguments: Purpose.allCases)
    func everyJSONFileMatchesItsPublishedSchema(_ purpose: Purpose) async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await exportSample(purpose: purpose, into: out, sample: sample)
        let files = try FileManager.default.contentsOfDirectory(atPath: bundle + "/data/json").sorted()
        #expect(!files.isEmpty)
        for file in files {
            let kind = String(file.dropLast(".json".count))
            let verdict = try PeerTool.checkJSONSchema(Repository.path("formats/json/\(kind).schema.json"), [bundle + "/data/json/" + file])
            #expect(verdict.status == 0, "\(file): \(verdict.combined)")
        }
    }

    @Test(arguments: Purpose.allCases)
    func theManifestMatchesItsPublishedSchema(_ purpose: Purpose) async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await exportSample(purpose: purpose, into: out, sample: sample)
        let verdict = try PeerTool.checkJSONSchema(Repository.path("formats/json/porta-manifest.schema.json"), [bundle + "/porta-manifest.json"])
        #expect(verdict.status == 0, "\(verdict.combined)")
    }

    @Test(arguments: Purpose.allCases)
    func frictionlessAcceptsTheCSVFilesWithTheirKeys(_ purpose: Purpose) async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await exportSample(purpose: purpose, into: out, sample: sample)
        let verdict = try PeerTool.frictionlessValidate(bundle + "/data/csv/datapackage.json")
        #expect(verdict.status == 0, "\(verdict.combined)")
    }

    @Test(arguments: Purpose.allCases)
    func xmllintAcceptsEveryXMLFileAgainstThePublishedXSD(_ purpose: Purpose) async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await exportSample(purpose: purpose, into: out, sample: sample)
        let files = try FileManager.default.contentsOfDirectory(atPath: bundle + "/data/xml").sorted().map { bundle + "/data/xml/" + $0 }
        #expect(!files.isEmpty)
        let verdict = try PeerTool.xmllintSchema(Repository.path("formats/xml/porta-1.xsd"), files)
        #expect(verdict.status == 0, "\(verdict.combined)")
    }

    @Test func theDataPackageUsesThePublishedTableSchemas() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await exportSample(purpose: .access, into: out, sample: sample)
        let descriptor = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle + "/data/csv/datapackage.json"))) as? [String: Any]
        let resources = try #require(descriptor?["resources"] as? [[String: Any]])
        let present = Set(resources.compactMap { $0["name"] as? String })
        for resource in resources {
            let name = try #require(resource["name"] as? String)
            var published = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repository.path("formats/csv/\(name).table-schema.json")))) as? [String: Any])
            let keys = (published["foreignKeys"] as? [[String: Any]] ?? []).filter { key in
                present.contains((key["reference"] as? [String: Any])?["resource"] as? String ?? "")
            }
            published["foreignKeys"] = keys.isEmpty ? nil : keys
            #expect(NSDictionary(dictionary: resource["schema"] as? [String: Any] ?? [:]).isEqual(to: published), "\(name)")
        }
    }

    @Test func frictionlessRejectsACSVCellThatBreaksItsSchema() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await exportSample(purpose: .portability, into: out, sample: sample)
        try BagFiles.replace(",SEK,", with: ",kronor,", in: bundle + "/data/csv/order.csv")
        #expect(try PeerTool.frictionlessValidate(bundle + "/data/csv/datapackage.json").status != 0)
    }

    @Test func xmllintRejectsAnXMLValueThatBreaksTheXSD() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await exportSample(purpose: .portability, into: out, sample: sample)
        try BagFiles.replace("<currency>SEK</currency>", with: "<currency>kronor</currency>", in: bundle + "/data/xml/order.xml")
        #expect(try PeerTool.xmllintSchema(Repository.path("formats/xml/porta-1.xsd"), [bundle + "/data/xml/order.xml"]).status != 0)
    }

    @Test(arguments: Purpose.allCases)
    func theThreeFormatsReadBackToTheSameRecords(_ purpose: Purpose) async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await exportSample(purpose: purpose, into: out, sample: sample)
        let kinds = try FileManager.default.contentsOfDirectory(atPath: bundle + "/data/json").map { RecordKind(named: String($0.dropLast(5)))! }
        for kind in kinds {
            var json = try JSONRecordReader(path: bundle + "/data/json/\(kind.name).json", name: kind.name, kind: kind)
            var csv = try CSVRecordReader(path: bundle + "/data/csv/\(kind.name).csv", name: kind.name, kind: kind)
            let xml = try XMLRecordReader(path: bundle + "/data/xml/\(kind.name).xml", name: kind.name, kind: kind)
            var count = 0
            while let record = try json.next() {
                #expect(try csv.next() == record && xml.next() == record, "\(kind.name) \(record.id)")
                count += 1
            }
            #expect(try csv.next() == nil && xml.next() == nil && count > 0)
        }
    }

    @Test func theSchemasRejectARecordWithAnUnknownKey() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await exportSample(purpose: .portability, into: out, sample: sample)
        let file = bundle + "/data/json/order.json"
        try BagFiles.replace("\"status\":", with: "\"shoeSize\":42,\"status\":", in: file)
        let verdict = try PeerTool.checkJSONSchema(Repository.path("formats/json/order.schema.json"), [file])
        #expect(verdict.status != 0)
    }
}

extension Purpose: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}
