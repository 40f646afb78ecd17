import Foundation
import PortaBytes
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// The schemas in `formats/` are what the catalogue makes. Run the tests with
/// `RECORD_FORMATS=1` to rewrite them after a deliberate change to the catalogue.
@Suite struct PublishedSchemaTests {
    /// Compares (or, with `RECORD_FORMATS=1`, rewrites) one published file.
    private func expectPublished(_ relativePath: String, equals generated: [UInt8]) throws {
        let path = Repository.path(relativePath)
        if ProcessInfo.processInfo.environment["RECORD_FORMATS"] == "1" {
            try Data(generated).write(to: URL(fileURLWithPath: path))
        }
        let published = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(published == Data(generated), "\(relativePath) differs from the catalogue; rerun with RECORD_FORMATS=1 if the change is deliberate")
    }

    @Test(arguments: RecordKind.all.map(\.name))
    func thePublishedJSONSchemaOfEachKindIsTheGeneratedOne(_ name: String) throws {
        let kind = try #require(RecordKind(named: name))
        try expectPublished("formats/json/" + RecordJSONSchema.fileName(for: kind), equals: RecordJSONSchema.schema(for: kind).serialized())
    }

    @Test(arguments: RecordKind.all.map(\.name))
    func thePublishedTableSchemaOfEachKindIsTheGeneratedOne(_ name: String) throws {
        let kind = try #require(RecordKind(named: name))
        try expectPublished("formats/csv/" + CSVTableSchema.fileName(for: kind), equals: CSVTableSchema.schema(for: kind).serialized())
    }

    @Test func thePublishedXSDIsTheGeneratedOne() throws {
        try expectPublished("formats/xml/" + XMLRecordLayout.schemaFileName, equals: Array(RecordXMLSchema.document().utf8))
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

/// Every kind, every field set: what the CSV and XML writers write, the outside validators
/// accept against the published schemas.
@Suite struct OutsideValidatorsAcceptWriterOutputTests {
    @Test func frictionlessAcceptsFullRecordsOfEveryKindWithTheirForeignKeys() throws {
        let folder = TemporaryFolder()
        var resources: [CSVTableSchema.Resource] = []
        for kind in RecordKind.all {
            let bytes = try RecordFileFixture.csv(kind, try RecordFileFixture.fullRecords(kind))
            try RecordFileFixture.save(bytes, as: CSVTableSchema.csvFileName(for: kind), in: folder)
            resources.append(.init(kind: kind, bytes: Int64(bytes.count), sha256: SHA256Hex.of(bytes)))
        }
        let descriptor = try RecordFileFixture.save(CSVTableSchema.dataPackage(resources).serialized(), as: "datapackage.json", in: folder)
        let verdict = try PeerTool.frictionlessValidate(descriptor)
        #expect(verdict.status == 0, "\(verdict.combined)")
    }

    @Test func xmllintAcceptsFullRecordsOfEveryKindAgainstThePublishedXSD() throws {
        let folder = TemporaryFolder()
        let files = try RecordKind.all.map { kind in
            try RecordFileFixture.save(try RecordFileFixture.xml(kind, try RecordFileFixture.fullRecords(kind)),
                                       as: XMLRecordLayout.fileName(for: kind), in: folder)
        }
        let verdict = try PeerTool.xmllintSchema(Repository.path("formats/xml/porta-1.xsd"), files)
        #expect(verdict.status == 0, "\(verdict.combined)")
    }
}
