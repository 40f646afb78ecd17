import Foundation
import PortaTestSupport
import Testing

/// `porta sources count`: a person's records per source and kind, nothing written.
@Suite struct SourcesCountCommandTests {
    @Test func countsEachSourcesRecordsOfThePersonByKind() throws {
        let sample = try SampleController(), folder = TemporaryFolder("porta-count")
        let run = try ExternalProcess.porta(["sources", "count", "--config", sample.configPath, "--subject", SampleSubject.anna], in: folder.path)
        #expect(run.status == 0, "\(run.combined)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("shop order 2") && lines.contains("storefront order 2") && lines.contains("crm preference 1"), "\(lines)")
        #expect(lines.first == "shop person 1" && lines.last == "support message 3")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing is written")
    }

    @Test func anUnknownPersonCountsNothing() throws {
        let sample = try SampleController()
        let run = try ExternalProcess.porta(["sources", "count", "--config", sample.configPath, "--subject", "email:nobody@example.invalid"])
        #expect(run.status == 0 && run.standardOutput.isEmpty, "\(run.combined)")
    }
}
