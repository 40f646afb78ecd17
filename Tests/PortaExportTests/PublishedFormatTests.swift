import Foundation
import PortaModel
import PortaTestSupport
import Testing

/// The sample bundle, judged by an outside JSON Schema validator against `formats/json/`.
@Suite struct PublishedFormatTests {
    func exportSample(purpose: Purpose, into out: TemporaryFolder, sample: SampleController) throws -> String {
        try sample.export(purpose: purpose, into: out.path).bundlePath
    }

    @Test(arguments: Purpose.allCases)
    func everyJSONFileMatchesItsPublishedSchema(_ purpose: Purpose) throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try exportSample(purpose: purpose, into: out, sample: sample)
        let files = try FileManager.default.contentsOfDirectory(atPath: bundle + "/data/json").sorted()
        #expect(!files.isEmpty)
        for file in files {
            let kind = String(file.dropLast(".json".count))
            let verdict = try PeerTool.checkJSONSchema(Repository.path("formats/json/\(kind).schema.json"), [bundle + "/data/json/" + file])
            #expect(verdict.status == 0, "\(file): \(verdict.combined)")
        }
    }

    @Test(arguments: Purpose.allCases)
    func theManifestMatchesItsPublishedSchema(_ purpose: Purpose) throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try exportSample(purpose: purpose, into: out, sample: sample)
        let verdict = try PeerTool.checkJSONSchema(Repository.path("formats/json/porta-manifest.schema.json"), [bundle + "/porta-manifest.json"])
        #expect(verdict.status == 0, "\(verdict.combined)")
    }

    @Test func theSchemasRejectARecordWithAnUnknownKey() throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try exportSample(purpose: .portability, into: out, sample: sample)
        let file = bundle + "/data/json/order.json"
        try BagFiles.replace("\"status\":", with: "\"shoeSize\":42,\"status\":", in: file)
        let verdict = try PeerTool.checkJSONSchema(Repository.path("formats/json/order.schema.json"), [file])
        #expect(verdict.status != 0)
    }
}

extension Purpose: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}
