import Foundation
import PortaBundle
import PortaTestSupport
import Testing

/// Signing keys and signatures against OpenSSH's own `ssh-keygen`.
@Suite struct SigningKeyTests {
    let folder = TemporaryFolder("porta-sign")

    @Test func sshKeygenReadsAKeyPortaWrites() throws {
        try PeerTool.require("ssh-keygen")
        let key = SSHSigningKey(comment: "dpo@exempelbutiken.se")
        try BagFiles.write(key.openSSHText, to: folder.file("key"))
        chmod(folder.file("key"), 0o600)
        let derived = try ExternalProcess.run("ssh-keygen", ["-y", "-f", folder.file("key")])
        #expect(derived.status == 0, "\(derived.combined)")
        #expect(derived.standardOutput == key.publicKeyLine)
        try BagFiles.write(key.publicKeyLine, to: folder.file("key.pub"))
        let fingerprint = try ExternalProcess.run("ssh-keygen", ["-l", "-f", folder.file("key.pub")])
        #expect(fingerprint.standardOutput.contains(key.fingerprint))
    }

    @Test func portaReadsAKeySSHKeygenMakes() throws {
        try PeerTool.require("ssh-keygen")
        let made = try ExternalProcess.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "made", "-f", folder.file("key")])
        #expect(made.status == 0, "\(made.combined)")
        let key = try SSHSigningKey(contentsOf: folder.file("key"))
        #expect(key.comment == "made")
        #expect(key.publicKeyLine == (try String(contentsOfFile: folder.file("key.pub"), encoding: .utf8)))
    }

    @Test func sshKeygenVerifiesASignaturePortaMakes() throws {
        try PeerTool.require("ssh-keygen")
        let key = SSHSigningKey(comment: "dpo")
        let message = Array("bag contents\n".utf8)
        try BagFiles.write(String(decoding: message, as: UTF8.self), to: folder.file("signed.txt"))
        let signature = try SSHSignature(signing: message, namespace: BundleSignature.namespace, with: key)
        try BagFiles.write(signature.armored, to: folder.file("signed.sig"))
        try BagFiles.write("dpo@exempelbutiken.se " + key.publicKeyLine, to: folder.file("allowed"))
        let verified = try ExternalProcess.run("sh", ["-c", "ssh-keygen -Y verify -f allowed -I dpo@exempelbutiken.se -n porta-bundle -s signed.sig < signed.txt"],
                                               in: folder.path)
        #expect(verified.status == 0, "\(verified.combined)")
        let otherNamespace = try ExternalProcess.run("sh", ["-c", "ssh-keygen -Y verify -f allowed -I dpo@exempelbutiken.se -n file -s signed.sig < signed.txt"],
                                                     in: folder.path)
        #expect(otherNamespace.status != 0)
        #expect(signature.isValid(for: message))
        #expect(!signature.isValid(for: message + [0x0A]))
    }

    @Test func aPassphraseProtectedKeyIsRefusedWithAReason() throws {
        try PeerTool.require("ssh-keygen")
        _ = try ExternalProcess.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "secret words", "-f", folder.file("key")])
        #expect(throws: BundleError.self) { try SSHSigningKey(contentsOf: folder.file("key")) }
        do { _ = try SSHSigningKey(contentsOf: folder.file("key")) } catch let error as BundleError {
            #expect(error.code == .invalidKey && error.message.contains("passphrase"))
        }
    }

    @Test func aKeyOfAnotherTypeIsRefused() throws {
        try PeerTool.require("ssh-keygen")
        _ = try ExternalProcess.run("ssh-keygen", ["-q", "-t", "ecdsa", "-N", "", "-f", folder.file("key")])
        do {
            _ = try SSHSigningKey(contentsOf: folder.file("key"))
            Issue.record("an ECDSA key was taken")
        } catch let error as BundleError {
            #expect(error.code == .invalidKey && error.message.contains("Ed25519"))
        }
    }
}
