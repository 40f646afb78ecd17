import Foundation
import PortaBundle
import PortaTestSupport
import PortaVerify
import Testing

/// Verifying a sealed bundle (age over the zip): opened with the receiver's identity first.
@Suite struct SealedBundleTests {
    /// The sample bundle zipped and sealed to `identity`; returns the sealed file.
    func sealed(_ bundle: SampleBundle, to identity: AgeIdentity) throws -> String {
        try BundleZip.pack(bundle.path, to: bundle.out.file("b.zip"))
        try SealedFile.seal(bundle.out.file("b.zip"), to: bundle.out.file("b.zip.age"), recipients: [identity.recipient])
        return bundle.out.file("b.zip.age")
    }

    @Test func aSealedBundleVerifiesWithTheReceiversIdentity() async throws {
        let bundle = try await SampleBundle.make()
        let identity = AgeIdentity()
        let report = try BundleVerifier(options: VerifyOptions(identities: [AgeIdentity(), identity])).verify(try sealed(bundle, to: identity))
        #expect(report.isValid, "\(report.text)")
        #expect(report.levels.filter { $0.skipped == nil }.count == 4)
    }

    @Test func aSealedBundleWithoutAnIdentityOrWithTheWrongOneCannotBeChecked() async throws {
        let bundle = try await SampleBundle.make()
        let path = try sealed(bundle, to: AgeIdentity())
        #expect(throws: VerifyError.self) { try BundleVerifier().verify(path) }
        #expect(throws: VerifyError.self) { try BundleVerifier(options: VerifyOptions(identities: [AgeIdentity()])).verify(path) }
    }

    @Test func aDamagedSealedBundleIsInvalidAtLevelOne() async throws {
        let bundle = try await SampleBundle.make()
        let identity = AgeIdentity()
        let path = try sealed(bundle, to: identity)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        try BagFiles.flipByte(of: path, at: size - 100)
        let report = try BundleVerifier(options: VerifyOptions(identities: [identity])).verify(path)
        #expect(report.levels.first?.findings.map(\.code) == ["sealed-damaged"])
        #expect(report.levels.dropFirst().allSatisfy { $0.skipped != nil })
    }
}
