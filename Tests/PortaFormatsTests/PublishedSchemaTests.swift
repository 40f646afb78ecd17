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

/// Every kind, every field set: what the JSON writer writes, an outside validator accepts
/// against the published schema.
@Suite struct SchemaAcceptsWriterOutputTests {
    @Test(arguments: RecordKind.all.map(\.name))
    func aFullRecordOfEachKindIsValid(_ name: String) throws {
        let kind = try #require(RecordKind(named: name))
        var writer = JSONRecordWriter(kind: kind, sink: MemorySink())
        try writer.write(try ExampleRecords.full(kind, key: "1"))
        try writer.write(try ExampleRecords.full(kind, key: "2"))
        try writer.finish()
        let folder = TemporaryFolder()
        try Data(writer.sink.bytes).write(to: URL(fileURLWithPath: folder.file("\(name).json")))
        let verdict = try PeerTool.checkJSONSchema(Repository.path("formats/json/\(name).schema.json"), [folder.file("\(name).json")])
        #expect(verdict.status == 0, "\(verdict.combined)")
    }
}
