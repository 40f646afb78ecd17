import Foundation
import GRDB
import PortaImport
import PortaModel
import PortaTestSupport
import Testing

/// Import stores only bytes it verified: a bundle folder changed once verification has begun
/// cannot slip records into the store.
@Suite struct VerifiedBytesTests {
    /// Rewrites every given name in the folder's `person.json` to "Mallory".
    static func rewritePeople(in bundle: String) {
        let path = bundle + "/data/json/person.json"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let changed = text.replacingOccurrences(of: #""givenName":"[^"]*""#, with: #""givenName":"Mallory""#, options: .regularExpression)
        try? changed.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func aRecordFileRewrittenAfterVerificationIsNotWhatIsStored() async throws {
        let bundle = try await SampleBundle.make(), receiver = TemporaryFolder("porta-receiver")
        let store = receiver.file("receiver.sqlite")
        let options = ImportOptions(afterVerifying: { Self.rewritePeople(in: $0) })
        let result = try BundleImporter(options: options).importBundle(bundle.path, into: store, at: Timestamp(.now))
        #expect(result.outcome == .imported, "\(result.report.text)")
        let original = try String(contentsOfFile: bundle.file("data/json/person.json"), encoding: .utf8)
        #expect(original.contains("Mallory"), "the helper did change the folder")
        let queue = try DatabaseQueue(path: store)
        let records = try await queue.read { try String.fetchAll($0, sql: "SELECT record FROM porta_record WHERE kind = 'person'") }
        #expect(!records.isEmpty)
        #expect(!records.contains { $0.contains("Mallory") })
    }
}
