import Foundation
import GRDB
import PortaBundle
import PortaImport
import PortaModel
import PortaTestSupport
import PortaVerify
import Testing

/// `BundleImporter`: verify first, then all records into the receiver's store in one
/// transaction; the same bundle twice changes nothing; only accepted kinds are taken.
@Suite struct ImportTests {
    let receiver = TemporaryFolder("porta-receiver")
    var store: String { receiver.file("receiver.sqlite") }

    func importing(_ path: String, accept: Set<String>? = nil, verify: VerifyOptions = VerifyOptions()) throws -> ImportResult {
        try BundleImporter(options: ImportOptions(verify: verify, acceptedKinds: accept)).importBundle(path, into: store, at: Timestamp(.now))
    }

    func rows(_ sql: String) throws -> [Row] {
        let queue = try DatabaseQueue(path: store)
        defer { try? queue.close() }
        return try queue.read { try Row.fetchAll($0, sql: sql) }
    }

    func count(_ table: String, where condition: String = "1") throws -> Int {
        try rows("SELECT count(*) AS n FROM \(table) WHERE \(condition)").first?["n"] ?? -1
    }

    /// The store file's bytes, to prove it unchanged.
    func storeBytes() -> Data? { FileManager.default.contents(atPath: store) }

    /// The records the bundle's manifest says each JSON file holds, by kind.
    func manifestCounts(_ bundle: SampleBundle) throws -> [String: Int] {
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle.file("porta-manifest.json")))) as? [String: Any])
        let files = try #require(manifest["files"] as? [[String: Any]])
        var counts: [String: Int] = [:]
        for file in files where file["format"] as? String == "json" {
            if let kind = file["kind"] as? String, let records = file["records"] as? Int { counts[kind] = records }
        }
        return counts
    }

    @Test func everyRecordIsStoredWithItsProvenanceAndTheBundleItCameFrom() async throws {
        let bundle = try await SampleBundle.make()
        let result = try importing(bundle.path)
        #expect(result.outcome == .imported, "\(result.report.text)")
        let digest = try #require(BagDigest.of(bagAt: bundle.path))
        #expect(result.digest == digest)
        let expected = try manifestCounts(bundle)
        #expect(try count("porta_record") == expected.values.reduce(0, +))
        #expect(try count("porta_record", where: "bundle_digest = '\(digest)' AND controller_id = 'exempelbutiken'") == expected.values.reduce(0, +))
        for (kind, records) in expected { #expect(try count("porta_record", where: "kind = '\(kind)'") == records, "\(kind)") }
        let bundles = try rows("SELECT * FROM porta_bundle")
        #expect(bundles.count == 1)
        #expect(bundles.first?["records_imported"] == expected.values.reduce(0, +))
        // A stored record is the bundle's JSON line, and its columns restate its metadata.
        let line = try #require(try String(contentsOfFile: bundle.file("data/json/person.json"), encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("{") })
        let stored = try rows("SELECT * FROM porta_record WHERE kind = 'person' ORDER BY id")
        let first = try #require(try JSONSerialization.jsonObject(with: Data(line.trimmingCharacters(in: CharacterSet(charactersIn: ",")).utf8)) as? [String: Any])
        let row = try #require(stored.first { $0["id"] == (first["id"] as? String) })
        #expect(row["provenance"] == (first["provenance"] as? String))
        #expect(row["legal_basis"] == (first["legalBasis"] as? String))
        #expect(row["source"] == (first["source"] as? String))
        let record = try #require(try JSONSerialization.jsonObject(with: Data((row["record"] as String).utf8)) as? NSDictionary)
        #expect(record == first as NSDictionary)
    }

    @Test func importingTheSameBundleTwiceChangesNothing() async throws {
        let bundle = try await SampleBundle.make()
        #expect(try importing(bundle.path).outcome == .imported)
        let before = storeBytes()
        let again = try importing(bundle.path)
        #expect(again.outcome == .alreadyImported)
        #expect(storeBytes() == before)
    }

    @Test func aBundleTheStoreTookIsCheckedAtTheBagLevelAloneThen() async throws {
        let bundle = try await SampleBundle.make()
        #expect(try importing(bundle.path).outcome == .imported)
        let again = try importing(bundle.path)
        #expect(again.outcome == .alreadyImported && again.bundleID != nil)
        #expect(again.report.levels.map(\.level) == [1], "the same bytes passed every level before")
    }

    @Test func aChangedCopyOfABundleTheStoreTookIsRefusedAtTheBagLevel() async throws {
        let bundle = try await SampleBundle.make()
        #expect(try importing(bundle.path).outcome == .imported)
        let before = storeBytes()
        try BagFiles.flipByte(of: bundle.file("data/json/order.json"), at: 40)
        let changed = try importing(bundle.path)
        #expect(changed.outcome == .refused)
        #expect(changed.report.findings.map(\.code).contains("checksum-mismatch"))
        #expect(storeBytes() == before)
    }

    @Test func theZipAndTheFolderOfABundleAreTheSameBundle() async throws {
        let bundle = try await SampleBundle.make()
        try BundleZip.pack(bundle.path, to: bundle.out.file("bundle.zip"))
        #expect(try importing(bundle.out.file("bundle.zip")).outcome == .imported)
        let before = storeBytes()
        #expect(try importing(bundle.path).outcome == .alreadyImported)
        #expect(storeBytes() == before)
    }

    @Test func aLaterBundleFromTheSameControllerUpdatesItsRecordsAndAnEarlierOneDoesNot() async throws {
        let sample = try SampleController()
        let out = TemporaryFolder("porta-bundles")
        let early = try await sample.export(requestID: "early", createdAt: "2026-01-01T00:00:00Z", into: out.path)
        let late = try await sample.export(requestID: "late", createdAt: "2026-02-01T00:00:00Z", into: out.path)
        #expect(try importing(late.bundlePath).outcome == .imported)
        #expect(try importing(early.bundlePath).outcome == .imported)
        #expect(try count("porta_bundle") == 2)
        #expect(try count("porta_record") == late.totalRecords)
        #expect(try count("porta_record", where: "bundle_digest = '\(late.digest)'") == late.totalRecords)
    }

    @Test func anInvalidBundleIsRefusedAndTheStoreIsUntouched() async throws {
        let good = try await SampleBundle.make()
        #expect(try importing(good.path).outcome == .imported)
        let before = storeBytes()
        let sample = try SampleController()
        let bad = try await sample.export(requestID: "req-2", into: TemporaryFolder("porta-bad").path).bundlePath
        try BagFiles.replace("\"sourceKey\":\"", with: "\"sourceKey\":\"x", in: bad + "/data/json/order.json")
        let result = try importing(bad)
        #expect(result.outcome == .refused)
        #expect(!result.report.isValid && result.report.findings.contains { $0.path == "data/json/order.json" })
        #expect(storeBytes() == before)
    }

    @Test func aRefusedBundleDoesNotEvenCreateTheStore() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.flipByte(of: bundle.file("data/json/person.json"), at: 10)
        #expect(try importing(bundle.path).outcome == .refused)
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func anUnknownFormatVersionIsRefused() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.replace("\"format\": \"porta/1\"", with: "\"format\": \"porta/2\"", in: bundle.file("porta-manifest.json"))
        try BagFiles.reseal(bundle.path)
        let result = try importing(bundle.path)
        #expect(result.outcome == .refused)
        #expect(result.report.findings.map(\.code).contains("unsupported-format-version"))
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func onlyTheAcceptedKindsAreTakenAndTheRestCounted() async throws {
        let bundle = try await SampleBundle.make()
        let result = try importing(bundle.path, accept: ["person", "email-address"])
        #expect(result.outcome == .imported)
        let expected = try manifestCounts(bundle)
        #expect(try count("porta_record", where: "kind NOT IN ('person', 'email-address')") == 0)
        #expect(try count("porta_record") == expected["person"]! + expected["email-address"]!)
        #expect(result.skipped == expected.values.reduce(0, +) - expected["person"]! - expected["email-address"]!)
        #expect(result.kinds.first { $0.kind == "order" }?.skipped == expected["order"])
        #expect(try count("porta_bundle_kind", where: "kind = 'order' AND imported = 0 AND skipped = \(expected["order"]!)") == 1)
        #expect(try count("porta_attachment_file") == 0)
    }

    @Test func attachmentFilesAreStoredByTheirDigest() async throws {
        let bundle = try await SampleBundle.make()
        #expect(try importing(bundle.path).outcome == .imported)
        let files = try rows("SELECT sha256, content FROM porta_attachment_file")
        #expect(!files.isEmpty)
        for file in files {
            let content: Data = file["content"]
            #expect(SHA256Hex.of([UInt8](content)) == file["sha256"])
        }
    }

    @Test func aRequiredSignatureMustBeThereAndTrusted() async throws {
        let bundle = try await SampleBundle.make()
        let key = SSHSigningKey(comment: "dpo")
        let trusted = try AllowedSigners(text: "exempelbutiken,dpo@exempelbutiken.se " + key.publicKeyLine)
        let options = VerifyOptions(trustedSigners: trusted, requireSignature: true)
        #expect(try importing(bundle.path, verify: options).outcome == .refused)
        #expect(!FileManager.default.fileExists(atPath: store))
        try BundleSignature.sign(bagAt: bundle.path, with: key)
        #expect(try importing(bundle.path, verify: options).outcome == .imported)
        let signer: String? = try rows("SELECT signed_by FROM porta_bundle").first?["signed_by"]
        #expect(signer?.hasPrefix("signed by exempelbutiken,dpo@exempelbutiken.se (SHA256:") == true)
    }

    @Test func aSealedBundleImportsWithTheReceiversIdentityOnly() async throws {
        let bundle = try await SampleBundle.make()
        let identity = AgeIdentity()
        try BundleZip.pack(bundle.path, to: bundle.out.file("b.zip"))
        try SealedFile.seal(bundle.out.file("b.zip"), to: bundle.out.file("b.zip.age"), recipients: [identity.recipient])
        #expect(throws: ImportError.self) { try importing(bundle.out.file("b.zip.age"), verify: VerifyOptions(identities: [AgeIdentity()])) }
        #expect(!FileManager.default.fileExists(atPath: store))
        #expect(try importing(bundle.out.file("b.zip.age"), verify: VerifyOptions(identities: [identity])).outcome == .imported)
    }
}

/// A bundle with a sender's own record kinds imports like any other: the kinds come from the
/// declaration the bundle carries.
@Suite struct ExtensionKindImportTests {
    @Test func theDeclaredKindsAreImportedAndCounted() async throws {
        let out = TemporaryFolder("porta-gym-out"), receiver = TemporaryFolder("porta-receiver")
        let bundle = try await GymSample().export(into: out.path).bundlePath
        let result = try BundleImporter(options: ImportOptions(verify: VerifyOptions(), acceptedKinds: nil))
            .importBundle(bundle, into: receiver.file("store.sqlite"), at: Timestamp(.now))
        #expect(result.outcome == .imported)
        let counts = Dictionary(uniqueKeysWithValues: result.kinds.map { ($0.kind, $0.imported) })
        #expect(counts["membership"] == 2 && counts["booking"] == 3 && counts["payment"] == 4)
        #expect(counts["check-in"] == 3 && counts["device-reading"] == 3)
        let queue = try DatabaseQueue(path: receiver.file("store.sqlite"))
        defer { try? queue.close() }
        let stored = try await queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM porta_record WHERE kind = 'payment'") }
        #expect(stored == 4)
    }
}
