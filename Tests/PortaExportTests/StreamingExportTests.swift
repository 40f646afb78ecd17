import Foundation
import Logging
import PortaConnectors
import PortaExport
import PortaModel
import PortaTestSupport
import Testing

/// The heavy-subject path streams: records reach the bundle's files while the source is still
/// being read, rather than being gathered first. (How fast and how much memory is the
/// benchmark's business, `scripts/bench-heavy.sh`; this checks the shape.)
@Suite struct StreamingExportTests {
    @Test func recordsAreOnDiskWhileTheSourceIsStillBeingRead() async throws {
        let folder = TemporaryFolder("porta-stream"), out = folder.file("out")
        let config = try ExternalProcess.run(Repository.path("scripts/shop-only-config.sh"), [])
        try BagFiles.write(config.standardOutput, to: folder.file("porta.yml"))
        let made = try ExternalProcess.run(Repository.path("samples/retailer/make-heavy-shop.sh"), [folder.file("shop.sqlite"), "40000"])
        #expect(made.status == 0, "\(made.combined)")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        let observations = Observations()
        let exporter = Exporter(config: try PortaConfig.load(from: folder.file("porta.yml")), logger: Logger(label: "porta-test"),
                                progress: { progress in
            guard !progress.isDone, progress.records % 10_000 == 0 else { return }
            // The order lines' JSON file in the staging folder, as it stands now.
            let staging = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).first { $0.hasPrefix(".porta-") }
            let file = staging.map { out + "/" + $0 + "/data/json/order-line.json" }
            let size = (file.flatMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] } as? Int) ?? 0
            observations.add(records: progress.records, bytes: size)
        })
        let request = try ExportRequest(subject: [try SubjectIdentifier(parsing: "email:heavy@example.se", referenceDate: SampleSubject.day)], purpose: .access,
                                        requestID: "stream", createdAt: try Timestamp(parsing: SampleSubject.createdAt))
        let result = try await exporter.export(request, into: out)
        #expect(result.totalRecords > 40_000)
        let seen = observations.values
        #expect(seen.count >= 3, "\(seen)")
        // The file grows as records are read: every observation finds more bytes than the last.
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.bytes < $1.bytes && $0.records < $1.records }, "\(seen)")
        #expect(seen.last.map { $0.bytes > 1_000_000 } == true, "\(seen)")
    }
}

/// Progress observations, gathered from the exporting task.
private final class Observations: @unchecked Sendable {
    private var storage: [(records: Int, bytes: Int)] = []
    private let lock = NSLock()
    func add(records: Int, bytes: Int) { lock.lock(); storage.append((records, bytes)); lock.unlock() }
    var values: [(records: Int, bytes: Int)] { lock.lock(); defer { lock.unlock() }; return storage }
}
