import Foundation
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// `formats/json/<kind>.schema.json` are what ``RecordJSONSchema`` makes. Run the tests with
/// `RECORD_FORMATS=1` to rewrite them after a deliberate change to the catalogue.
@Suite struct PublishedSchemaTests {
    @Test(arguments: RecordKind.all.map(\.name))
    func thePublishedSchemaOfEachKindIsTheGeneratedOne(_ name: String) throws {
        let kind = try #require(RecordKind(named: name))
        let path = Repository.path("formats/json/" + RecordJSONSchema.fileName(for: kind))
        let generated = Data(RecordJSONSchema.schema(for: kind).serialized())
        if ProcessInfo.processInfo.environment["RECORD_FORMATS"] == "1" {
            try generated.write(to: URL(fileURLWithPath: path))
        }
        let published = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(published == generated, "formats/json/\(kind.name).schema.json differs from the catalogue; rerun with RECORD_FORMATS=1 if the change is deliberate")
    }

    @Test func everySchemaIsJSONThatFoundationReads() throws {
        for kind in RecordKind.all {
            let object = try JSONSerialization.jsonObject(with: Data(RecordJSONSchema.schema(for: kind).serialized())) as? [String: Any]
            #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        }
    }
}
