import Foundation
import PortaExport
import PortaTestSupport
import PortaVerify
import Testing

/// Rows skipped under `on-error: skip` are counted in the bundle, told to the person and
/// recorded; the export says so with its own exit code.
@Suite struct UnreadableRowTests {
    /// The sample with Anna's two reviews unreadable (nothing refers to reviews).
    func sampleWithUnreadableReviews() throws -> SampleController {
        let sample = try SampleController(editConfig: { SampleController.keepingRegister($0)
            .replacingOccurrences(of: "on-error: fail", with: "on-error: skip") })
        try sample.execute("UPDATE reviews SET published_at = 'never' WHERE customer_id = 1")
        return sample
    }

    func manifest(_ bundle: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle + "/porta-manifest.json"))) as? [String: Any])
    }

    @Test func skippedRowsAreCountedInTheManifestPerSourceKindAndReason() async throws {
        let sample = try sampleWithUnreadableReviews(), out = TemporaryFolder()
        let result = try await sample.export(purpose: .access, into: out.path)
        #expect(result.hasUnreadableRows)
        let manifest = try manifest(result.bundlePath)
        let unreadable = try #require(manifest["unreadable"] as? [[String: Any]])
        #expect(unreadable.count == 1)
        #expect(unreadable[0]["source"] as? String == "shop" && unreadable[0]["kind"] as? String == "review")
        #expect(unreadable[0]["reason"] as? String == "unreadable-row" && unreadable[0]["records"] as? Int == 2)
        let shop = try #require((manifest["sources"] as? [[String: Any]])?.first { $0["id"] as? String == "shop" })
        #expect(shop["unreadable"] as? Int == 2)
        let schema = try PeerTool.checkJSONSchema(Repository.path("formats/json/porta-manifest.schema.json"), [result.bundlePath + "/porta-manifest.json"])
        #expect(schema.status == 0, "\(schema.combined)")
        #expect(try BundleVerifier().verify(result.bundlePath).isValid)
    }

    @Test func thePageTellsThePersonWhatCouldNotBeReadAndWhomToContact() async throws {
        let sample = try sampleWithUnreadableReviews(), out = TemporaryFolder()
        let result = try await sample.export(purpose: .access, into: out.path)
        let page = try String(contentsOfFile: result.bundlePath + "/data/index.html", encoding: .utf8)
        #expect(page.contains("2 uppgifter om dig kunde inte läsas"))
        #expect(page.contains("dataskydd@exempelbutiken.example"))
        #expect(!page.contains("Inga uppgifter om dig har lämnats utanför"))
    }

    @Test func theVerifierHoldsTheCountsToEachOther() async throws {
        let sample = try sampleWithUnreadableReviews(), out = TemporaryFolder()
        let bundle = try await sample.export(purpose: .access, into: out.path).bundlePath
        try BagFiles.replace("\"unreadable\": 2", with: "\"unreadable\": 3", in: bundle + "/porta-manifest.json")
        try BagFiles.reseal(bundle)
        let codes = try BundleVerifier().verify(bundle).findings.map(\.code)
        #expect(codes == ["unreadable-count-mismatch"], "\(codes)")
    }

    @Test func theCommandExitsThreeAndTheRegisterRecordsTheRows() throws {
        let sample = try sampleWithUnreadableReviews(), out = TemporaryFolder()
        let export = try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna,
                                                "--purpose", "access", "--out", out.path, "--created-at", SampleSubject.createdAt,
                                                "--request-id", "skips"], environment: SampleServices.environment)
        #expect(export.status == 3, "\(export.combined)")
        #expect(FileManager.default.fileExists(atPath: out.path + "/porta-skips/porta-manifest.json"))
        let listed = try ExternalProcess.porta(["register", "list", "--config", sample.configPath, "--format", "json"],
                                               environment: SampleServices.environment)
        #expect(listed.standardOutput.contains("unreadable-row"), "\(listed.combined)")
    }
}
