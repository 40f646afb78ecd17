import Foundation
import PortaBundle
import PortaConnectors
@testable import PortaExport
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// The export's writers on a thread of their own: what they write is what one thread writes,
/// and a failure there reaches the export.
@Suite struct PayloadPipelineTests {
    let folder = TemporaryFolder("porta-pipeline")

    func context() -> PersonPage.Context {
        PersonPage.Context(controllerName: "Exempelbutiken AB", organisationNumber: nil, country: "SE", contact: "dpo@example.se",
                           purpose: .access, createdAt: try! Timestamp(parsing: SampleSubject.createdAt), bundleID: "urn:uuid:x",
                           language: .english, exclusions: [], unreadable: 0, timeZone: nil)
    }

    func records(_ count: Int) throws -> [PulledRecord] {
        try (1...count).map { PulledRecord(try ExampleRecords.full(.person, key: "\($0)")) }
    }

    @Test func theFilesAreThoseOneThreadWrites() throws {
        let records = try records(1000)
        var files: [[PortaManifest.File]] = []
        for (index, onThread) in [false, true].enumerated() {
            let bag = try BagWriter(destination: folder.file("bag-\(index)"))
            var direct = try PayloadWriters(bag: bag, catalogue: try RecordCatalogue(extensions: []))
            if onThread {
                let pipeline = PayloadPipeline(direct)
                for record in records { try pipeline.write(record) }
                files.append(try pipeline.finish(page: context()))
            } else {
                for record in records { try direct.write(record) }
                files.append(try direct.finish(page: context()))
            }
        }
        #expect(files[0].map(\.sha256) == files[1].map(\.sha256))
        #expect(files[1].first { $0.path == "data/json/person.json" }?.records == 1000)
    }

    @Test func aFailureOnTheWritersThreadIsThrownToTheExport() throws {
        let bag = try BagWriter(destination: folder.file("bag"))
        // The staged bag's folder becomes a file: the writers cannot make their first file.
        try FileManager.default.removeItem(atPath: bag.stagingPath)
        try BagFiles.write("not a folder", to: bag.stagingPath)
        let pipeline = PayloadPipeline(try PayloadWriters(bag: bag, catalogue: try RecordCatalogue(extensions: [])))
        #expect {
            for record in try records(5000) { try pipeline.write(record) }
            _ = try pipeline.finish(page: context())
        } throws: { $0 is BundleError }
        pipeline.stop()
    }

    @Test func stoppingEndsTheWritersThreadWithoutWritingTheRest() throws {
        let bag = try BagWriter(destination: folder.file("bag"))
        let pipeline = PayloadPipeline(try PayloadWriters(bag: bag, catalogue: try RecordCatalogue(extensions: [])))
        for record in try records(2000) { try pipeline.write(record) }
        pipeline.stop()
        #expect(throws: CancellationError.self) { _ = try pipeline.finish(page: context()) }
    }
}
