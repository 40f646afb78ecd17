import Foundation
import GRDB
import PortaBundle
import PortaImport
import PortaModel
import PortaTestSupport
import PortaVerify
import Testing

/// A trusted key speaks only for the controller its allowed-signers line names, and a
/// controller whose bundles came signed cannot be downgraded to unsigned ones.
@Suite struct SignerBindingTests {
    let receiver = TemporaryFolder("porta-receiver")
    var store: String { receiver.file("receiver.sqlite") }
    let shop = SSHSigningKey(comment: "dpo@exempelbutiken.se")
    let other = SSHSigningKey(comment: "it@mallory.example")

    /// The receiver trusts both companies, each for its own controller id.
    var trusted: AllowedSigners {
        get throws {
            try AllowedSigners(text: "exempelbutiken,dpo@exempelbutiken.se " + shop.publicKeyLine
                               + "mallory-ab,it@mallory.example " + other.publicKeyLine)
        }
    }

    func importing(_ path: String, requireSignature: Bool = true) throws -> ImportResult {
        let verify = VerifyOptions(trustedSigners: try trusted, requireSignature: requireSignature)
        return try BundleImporter(options: ImportOptions(verify: verify)).importBundle(path, into: store, at: Timestamp(.now))
    }

    /// Every stored record, in id order.
    func storedRecords() throws -> [String] {
        let queue = try DatabaseQueue(path: store)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT record FROM porta_record ORDER BY id") }
    }

    @Test func aTrustedKeyOfAnotherControllerCannotSpeakForThisOne() async throws {
        let bundle = try await SampleBundle.make()
        try BundleSignature.sign(bagAt: bundle.path, with: other)
        let report = try BundleVerifier(options: VerifyOptions(trustedSigners: try trusted, requireSignature: true)).verify(bundle.path)
        let authenticity = try #require(report.levels.first { $0.level == 5 })
        #expect(authenticity.findings.map(\.code) == ["signer-not-for-controller"])
        #expect(authenticity.detail == nil)
        #expect(try importing(bundle.path).outcome == .refused)
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func theControllersOwnKeyIsAccepted() async throws {
        let bundle = try await SampleBundle.make()
        try BundleSignature.sign(bagAt: bundle.path, with: shop)
        #expect(try importing(bundle.path).outcome == .imported)
    }

    @Test func anUnsignedBundleAfterSignedOnesFromTheSameControllerIsRefused() async throws {
        let signed = try await SampleBundle.make()
        try BundleSignature.sign(bagAt: signed.path, with: shop)
        #expect(try importing(signed.path).outcome == .imported)
        let before = try storedRecords()
        let sample = try SampleController(), out = TemporaryFolder()
        let unsigned = try await sample.export(requestID: "req-2", createdAt: "2026-02-01T00:00:00Z", into: out.path).bundlePath
        let result = try importing(unsigned, requireSignature: false)
        #expect(result.outcome == .refused)
        #expect(result.report.findings.map(\.code) == ["signature-downgrade"])
        #expect(try storedRecords() == before)
    }
}

/// A refused import changes nothing, not even a store file that is not Porta's.
@Suite struct ForeignStoreTests {
    @Test func aStoreWithTablesOfPortasNamesThatPortaDidNotMakeIsLeftAsItWas() async throws {
        let bundle = try await SampleBundle.make()
        let folder = TemporaryFolder("porta-receiver"), store = folder.file("theirs.sqlite")
        try Self.makeTheirStore(at: store)
        let before = FileManager.default.contents(atPath: store)
        #expect(throws: ImportError.self) {
            try BundleImporter().importBundle(bundle.path, into: store, at: Timestamp(.now))
        }
        #expect(FileManager.default.contents(atPath: store) == before, "not a byte changed, no grdb_migrations left behind")
    }

    /// Someone else's SQLite file that happens to have a table called porta_record.
    static func makeTheirStore(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE porta_record (note TEXT); INSERT INTO porta_record VALUES ('theirs')") }
        try queue.close()
    }
}
