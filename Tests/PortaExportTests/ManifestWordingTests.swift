import Foundation
import PortaExport
import PortaTestSupport
import Testing

/// What the manifest and bag-info say of the request and the subject, word for word.
@Suite struct ManifestWordingTests {
    func manifest(_ bundle: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle + "/porta-manifest.json"))) as? [String: Any])
    }

    @Test func bagInfoSaysAnAccessRequestAndAPortabilityRequest() async throws {
        let sample = try SampleController()
        let access = try await sample.export(purpose: .access, into: TemporaryFolder().path).bundlePath
        let portability = try await sample.export(purpose: .portability, into: TemporaryFolder().path).bundlePath
        #expect(try String(contentsOfFile: access + "/bag-info.txt", encoding: .utf8).contains("answering an access request"))
        #expect(try String(contentsOfFile: portability + "/bag-info.txt", encoding: .utf8).contains("answering a portability request"))
    }

    @Test func anEMailDifferingOnlyInTheCaseOfItsLocalPartIsListedOnceAsTheRequestWroteIt() async throws {
        let sample = try SampleController()
        let bundle = try await sample.export(subject: ["email:Erik.Johansson@example.se"], purpose: .access,
                                             into: TemporaryFolder().path).bundlePath
        let identifiers = try #require((try manifest(bundle)["subject"] as? [String: Any])?["identifiers"] as? [[String: Any]])
        let emails = identifiers.filter { ($0["value"] as? String)?.lowercased() == "erik.johansson@example.se" }
        #expect(emails.count == 1)
        #expect(emails.first?["value"] as? String == "Erik.Johansson@example.se")
        #expect((emails.first?["foundIn"] as? [String])?.first == "request")
        #expect((emails.first?["foundIn"] as? [String])?.contains("shop") == true)
    }
}
