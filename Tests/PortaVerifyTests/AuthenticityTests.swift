import Foundation
import PortaTestSupport
import PortaVerify
import Testing

/// Level 5 against signatures made by OpenSSH's own `ssh-keygen -Y sign`, over
/// `tagmanifest-sha256.txt` in the namespace `porta-bundle`.
@Suite struct AuthenticityTests {
    let keys = TemporaryFolder("porta-keys")

    /// A new Ed25519 key pair made by ssh-keygen; returns its allowed-signers line.
    func makeKey(_ name: String, principal: String, options: String = "") throws -> String {
        try PeerTool.require("ssh-keygen")
        let made = try ExternalProcess.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", keys.file(name)])
        #expect(made.status == 0, "\(made.combined)")
        let publicKey = try String(contentsOfFile: keys.file(name + ".pub"), encoding: .utf8).split(separator: " ")
        return ([principal] + (options.isEmpty ? [] : [options]) + [String(publicKey[0]), String(publicKey[1])]).joined(separator: " ")
    }

    /// Signs the bundle's tag manifest with ssh-keygen and stores the signature as `porta-signature.sig`.
    func sign(_ bundle: SampleBundle, with key: String, namespace: String = "porta-bundle") throws {
        let signed = try ExternalProcess.run("ssh-keygen", ["-Y", "sign", "-f", keys.file(key), "-n", namespace,
                                                            bundle.file("tagmanifest-sha256.txt")])
        #expect(signed.status == 0, "\(signed.combined)")
        try FileManager.default.moveItem(atPath: bundle.file("tagmanifest-sha256.txt.sig"), toPath: bundle.file("porta-signature.sig"))
    }

    func authenticity(_ bundle: SampleBundle, trusted: [String]?, required: Bool = false) throws -> VerificationReport.Level {
        let signers = try trusted.map { try AllowedSigners(text: $0.joined(separator: "\n") + "\n") }
        let report = try BundleVerifier(options: VerifyOptions(trustedSigners: signers, requireSignature: required)).verify(bundle.path)
        #expect(report.levels.dropLast().allSatisfy { $0.passed }, "\(report.text)")
        return try #require(report.levels.last { $0.level == 5 })
    }

    @Test func aSignatureBySSHKeygenFromATrustedKeyPasses() async throws {
        let bundle = try await SampleBundle.make()
        let line = try makeKey("dpo", principal: "exempelbutiken,dpo@exempelbutiken.se")
        try sign(bundle, with: "dpo")
        let level = try authenticity(bundle, trusted: [line], required: true)
        #expect(level.passed && level.findings.isEmpty)
        #expect(level.detail?.hasPrefix("signed by exempelbutiken,dpo@exempelbutiken.se (SHA256:") == true)
        let fingerprint = try ExternalProcess.run("ssh-keygen", ["-l", "-f", keys.file("dpo.pub")]).standardOutput
        #expect(fingerprint.contains(String(level.detail!.split(separator: "(")[1].dropLast())))
    }

    @Test func aChangeAfterSigningIsCaught() async throws {
        let bundle = try await SampleBundle.make()
        let line = try makeKey("dpo", principal: "exempelbutiken,dpo@exempelbutiken.se")
        try sign(bundle, with: "dpo")
        try BagFiles.append("\n", to: bundle.file("tagmanifest-sha256.txt"))
        let report = try BundleVerifier(options: VerifyOptions(trustedSigners: try AllowedSigners(text: line))).verify(bundle.path)
        #expect(report.levels.last?.findings.map(\.code) == ["signature-mismatch"])
    }

    @Test func aSignatureByAnUntrustedKeyFails() async throws {
        let bundle = try await SampleBundle.make()
        let trusted = try makeKey("dpo", principal: "exempelbutiken,dpo@exempelbutiken.se")
        _ = try makeKey("mallory", principal: "mallory@example.com")
        try sign(bundle, with: "mallory")
        let level = try authenticity(bundle, trusted: [trusted])
        #expect(level.findings.map(\.code) == ["untrusted-signer"])
    }

    @Test func aKeyTrustedOnlyForAnotherNamespaceIsNotTrusted() async throws {
        let bundle = try await SampleBundle.make()
        let line = try makeKey("dpo", principal: "exempelbutiken,dpo@exempelbutiken.se", options: "namespaces=\"git\"")
        try sign(bundle, with: "dpo")
        #expect(try authenticity(bundle, trusted: [line]).findings.map(\.code) == ["untrusted-signer"])
    }

    @Test func aSignatureMadeForAnotherPurposeFails() async throws {
        let bundle = try await SampleBundle.make()
        let line = try makeKey("dpo", principal: "exempelbutiken,dpo@exempelbutiken.se")
        try sign(bundle, with: "dpo", namespace: "file")
        #expect(try authenticity(bundle, trusted: [line]).findings.map(\.code) == ["signature-namespace"])
    }

    @Test func anUnsignedBundleIsSkippedUnlessASignatureIsRequired() async throws {
        let bundle = try await SampleBundle.make()
        let line = try makeKey("dpo", principal: "exempelbutiken,dpo@exempelbutiken.se")
        let optional = try authenticity(bundle, trusted: nil)
        #expect(optional.skipped == "the bundle is not signed" && optional.findings.isEmpty)
        #expect(try authenticity(bundle, trusted: [line], required: true).findings.map(\.code) == ["missing-signature"])
    }

    @Test func aGarbledSignatureIsAFindingNotACrash() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.write("-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----\n", to: bundle.file("porta-signature.sig"))
        #expect(try authenticity(bundle, trusted: nil).findings.map(\.code) == ["bad-signature"])
    }

    @Test func anAllowedSignersLineWithAnUnsupportedOptionIsRefusedByLine() throws {
        let line = try makeKey("dpo", principal: "exempelbutiken,dpo@exempelbutiken.se", options: "cert-authority")
        #expect(throws: AllowedSigners.Problem.self) { try AllowedSigners(text: "# trusted\n" + line) }
        do { _ = try AllowedSigners(text: "# trusted\n" + line) } catch { #expect(error.line == 2) }
    }
}
