import Foundation
import PortaExport
import PortaModel
import PortaTestSupport
import PortaVerify
import Testing

/// When nobody is found, and when nothing found is covered: the person is told plainly.
@Suite struct EmptyOutcomeTests {
    func manifestContents(_ bundle: String) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle + "/porta-manifest.json")))
        return (object as? [String: Any])?["contents"] as? String
    }

    func page(_ bundle: String) throws -> String {
        try String(contentsOfFile: bundle + "/data/index.html", encoding: .utf8)
    }

    @Test func anUnknownSubjectExitsOneWithNoBundle() throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let export = try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", "email:nobody@example.org",
                                                "--out", out.path, "--request-id", "r1", "--created-at", SampleSubject.createdAt])
        #expect(export.status == 1)
        #expect(export.standardError.contains("no records for this subject"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func emptyBundleWritesABundleSayingNothingWasFound() throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let export = try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", "email:nobody@example.org",
                                                "--out", out.path, "--request-id", "r1", "--created-at", SampleSubject.createdAt,
                                                "--empty-bundle", "--language", "en"])
        #expect(export.status == 0, "\(export.combined)")
        let bundle = out.path + "/porta-r1"
        #expect(try manifestContents(bundle) == "none-found")
        #expect(try page(bundle).contains("the company holds no data about you"))
        #expect(try BundleVerifier().verify(bundle).isValid)
    }

    @Test func recordsThePolicyDoesNotCoverAreStatedInTheManifestAndVerify() async throws {
        let sample = try SampleController(editConfig: {
            $0.replacingOccurrences(of: "legal-basis: contract", with: "legal-basis: legitimate-interest")
        })
        let out = TemporaryFolder()
        let result = try await sample.export(into: out.path)
        #expect(try manifestContents(result.bundlePath) == "none-covered")
        let report = try BundleVerifier().verify(result.bundlePath)
        #expect(report.isValid, "\(report.text)")
    }

    @Test func aManifestWhoseContentsContradictItsCountsIsFound() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(into: out.path).bundlePath
        try BagFiles.replace("\"contents\": \"records\"", with: "\"contents\": \"none-found\"", in: bundle + "/porta-manifest.json")
        try BagFiles.reseal(bundle)
        let report = try BundleVerifier().verify(bundle)
        #expect(report.findings.map(\.code) == ["contents-mismatch"])
    }
}
