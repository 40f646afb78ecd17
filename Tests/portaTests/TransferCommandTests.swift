import Foundation
import PortaTestSupport
import Testing

/// The transfer of Art. 20(2) as two controllers run it with the `porta` binary and the real
/// `ssh-keygen` and `age`: export → zip → sign → seal → (age opens it) → verify → import.
@Suite struct TransferCommandTests {
    let sender = TemporaryFolder("porta-sender"), receiver = TemporaryFolder("porta-receiver")

    func porta(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessOutput {
        try ExternalProcess.porta(arguments)
    }

    /// Exports the sample subject as a zip into the sender's folder; returns the zip.
    func exportZip() throws -> String {
        let sample = try SampleController()
        let export = try porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna, "--purpose", "portability",
                                "--out", sender.path, "--created-at", SampleSubject.createdAt, "--request-id", "req-1", "--zip"])
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.standardOutput.contains("bundle: \(sender.path)/porta-req-1.zip"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sender.path) == ["porta-req-1.zip"])
        return sender.file("porta-req-1.zip")
    }

    /// A signing key pair from `porta keygen --sign`, and the allowed-signers file it printed.
    func signingKey() throws -> (key: String, allowed: String) {
        let made = try porta(["keygen", "--sign", "--out", sender.file("dpo"), "--comment", "dpo@exempelbutiken.se", "--controller", "exempelbutiken"])
        #expect(made.status == 0, "\(made.combined)")
        try BagFiles.write(made.standardOutput, to: receiver.file("allowed_signers"))
        return (sender.file("dpo"), receiver.file("allowed_signers"))
    }

    /// The receiver's identity from `porta keygen --seal`, and its recipient.
    func sealingIdentity() throws -> (identity: String, recipient: String) {
        let made = try porta(["keygen", "--seal", "--out", receiver.file("receiver.key")])
        #expect(made.status == 0, "\(made.combined)")
        return (receiver.file("receiver.key"), made.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func aBundleTravelsFromTheSampleControllerIntoTheReceiversStore() throws {
        try PeerTool.require("age")
        let zip = try exportZip()
        let (key, allowed) = try signingKey()
        let (identity, recipient) = try sealingIdentity()

        let signed = try porta(["sign", zip, "--key", key])
        #expect(signed.status == 0, "\(signed.combined)")
        let sealed = try porta(["seal", zip, "--recipient", recipient])
        #expect(sealed.status == 0, "\(sealed.combined)")
        let envelope = zip + ".age"

        // A receiver without Porta opens it with age and checks the signature with ssh-keygen.
        let opened = try ExternalProcess.run("age", ["-d", "-i", identity, "-o", receiver.file("opened.zip"), envelope])
        #expect(opened.status == 0, "\(opened.combined)")
        #expect(FileManager.default.contents(atPath: receiver.file("opened.zip")) == FileManager.default.contents(atPath: zip))
        let unzipped = try ExternalProcess.run("python3", ["-m", "zipfile", "-e", receiver.file("opened.zip"), receiver.file("unzipped")])
        #expect(unzipped.status == 0, "\(unzipped.combined)")
        let bag = receiver.file("unzipped/porta-req-1")
        #expect(try PeerTool.bagitValidate(bag).status == 0)
        let checked = try ExternalProcess.run("sh", ["-c", "ssh-keygen -Y verify -f \"$1\" -I exempelbutiken -n porta-bundle -s \"$2\" < \"$3\"",
                                                     "sh", allowed, bag + "/porta-signature.sig", bag + "/tagmanifest-sha256.txt"])
        #expect(checked.status == 0, "\(checked.combined)")

        // The receiver with Porta verifies and imports the sealed file as it came.
        let verified = try porta(["verify", envelope, "--identity", identity, "--trusted-keys", allowed, "--require-signature"])
        #expect(verified.status == 0, "\(verified.combined)")
        #expect(verified.standardOutput.contains("level 5 authenticity: pass: signed by exempelbutiken,dpo@exempelbutiken.se"))
        let store = receiver.file("receiver.sqlite")
        let imported = try porta(["import", envelope, "--identity", identity, "--trusted-keys", allowed, "--require-signature", "--store", store])
        #expect(imported.status == 0, "\(imported.combined)")
        #expect(imported.standardOutput.contains("records: 29"))
        let again = try porta(["import", envelope, "--identity", identity, "--store", store])
        #expect(again.status == 0 && again.standardOutput.hasPrefix("already imported:"), "\(again.combined)")
    }

    @Test func keysAreOwnerOnlyAndNeverOverwritten() throws {
        _ = try signingKey()
        _ = try sealingIdentity()
        for file in [sender.file("dpo"), receiver.file("receiver.key")] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(file)")
        }
        let before = FileManager.default.contents(atPath: sender.file("dpo"))
        let again = try porta(["keygen", "--sign", "--out", sender.file("dpo")])
        #expect(again.status == 2)
        #expect(FileManager.default.contents(atPath: sender.file("dpo")) == before)
    }

    @Test func anInvalidBundleIsNotSigned() throws {
        let sample = try SampleController()
        #expect(try porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna, "--out", sender.path,
                           "--created-at", SampleSubject.createdAt, "--request-id", "req-1"]).status == 0)
        let bag = sender.file("porta-req-1")
        try BagFiles.flipByte(of: bag + "/data/json/person.json", at: 20)
        let (key, _) = try signingKey()
        let signed = try porta(["sign", bag, "--key", key])
        #expect(signed.status == 1, "\(signed.combined)")
        #expect(!FileManager.default.fileExists(atPath: bag + "/porta-signature.sig"))
    }

    @Test func aSignatureByAnotherKeyOrAChangeAfterSigningFailsVerification() throws {
        let zip = try exportZip()
        let (_, allowed) = try signingKey()
        #expect(try porta(["keygen", "--sign", "--out", sender.file("mallory")]).status == 0)
        #expect(try porta(["sign", zip, "--key", sender.file("mallory")]).status == 0)
        let untrusted = try porta(["verify", zip, "--trusted-keys", allowed, "--require-signature"])
        #expect(untrusted.status == 1 && untrusted.standardOutput.contains("untrusted-signer"), "\(untrusted.combined)")
        let store = receiver.file("receiver.sqlite")
        let refused = try porta(["import", zip, "--trusted-keys", allowed, "--require-signature", "--store", store])
        #expect(refused.status == 1, "\(refused.combined)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func openSaysWhetherTheKeyIsWrongOrTheFileDamaged() throws {
        let zip = try exportZip()
        let (identity, recipient) = try sealingIdentity()
        #expect(try porta(["seal", zip, "--recipient", recipient]).status == 0)
        let other = try porta(["keygen", "--seal", "--out", receiver.file("other.key")])
        #expect(other.status == 0)
        let wrong = try porta(["open", zip + ".age", "--identity", receiver.file("other.key"), "--out", receiver.file("a.zip")])
        #expect(wrong.status == 2 && wrong.standardError.contains("[wrong-key]"), "\(wrong.combined)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: zip + ".age")[.size] as? Int)
        try FileHandle(forWritingAtPath: zip + ".age").map { try $0.truncate(atOffset: UInt64(size - 10)); try $0.close() }
        let truncated = try porta(["open", zip + ".age", "--identity", identity, "--out", receiver.file("a.zip")])
        #expect(truncated.status == 1 && truncated.standardError.contains("[damaged]"), "\(truncated.combined)")
        #expect(!FileManager.default.fileExists(atPath: receiver.file("a.zip")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: receiver.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func importTakesOnlyTheAcceptedKindsAndSaysWhatItSkipped() throws {
        let zip = try exportZip()
        let imported = try porta(["import", zip, "--store", receiver.file("r.sqlite"), "--accept", "person", "order"])
        #expect(imported.status == 0, "\(imported.combined)")
        #expect(imported.standardOutput.contains("records: 8\n  order: 4\n  person: 4\n"), "\(imported.standardOutput)")
        #expect(imported.standardOutput.contains("skipped: 21"))
        #expect(imported.standardOutput.contains("  order-line: 3 (not accepted)"))
        let malformed = try porta(["import", zip, "--store", receiver.file("r.sqlite"), "--accept", "Cookies!"])
        #expect(malformed.status == 2)
    }
}

/// Sign, seal and import each append an entry to the register named with `--register`.
@Suite struct TransferRegisterTests {
    @Test func signSealAndImportAreRecordedUnderTheSubjectsKeyedHash() throws {
        let sender = TemporaryFolder("porta-sender"), receiver = TemporaryFolder("porta-receiver")
        let sample = try SampleController()
        #expect(try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna, "--out", sender.path,
                                           "--created-at", SampleSubject.createdAt, "--request-id", "req-1", "--zip"]).status == 0)
        let zip = sender.file("porta-req-1.zip"), register = sender.file("register.sqlite")
        #expect(try ExternalProcess.porta(["keygen", "--sign", "--out", sender.file("key")]).status == 0)
        let identity = try ExternalProcess.porta(["keygen", "--seal", "--out", receiver.file("id")])
        let recipient = identity.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let steps = [["sign", zip, "--key", sender.file("key")], ["seal", zip, "--recipient", recipient],
                     ["import", zip + ".age", "--identity", receiver.file("id"), "--store", receiver.file("store.sqlite")]]
        for step in steps {
            let run = try ExternalProcess.porta(step + ["--register", register])
            #expect(run.status == 0, "\(run.combined)")
        }
        let listed = try ExternalProcess.porta(["register", "find", "--register", register, "--subject", SampleSubject.anna, "--format", "csv"])
        #expect(listed.status == 0, "\(listed.combined)")
        let actions = listed.standardOutput.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",")[1] }
        #expect(actions == ["sign", "seal", "import"], "\(listed.standardOutput)")
        let file = try String(decoding: #require(FileManager.default.contents(atPath: register)), as: UTF8.self)
        #expect(!file.contains("anna.svensson"), "the register holds no personal data")
        let withoutSecret = try ExternalProcess.porta(["seal", zip, "--recipient", recipient, "--out", sender.file("again.age"), "--register", register],
                                                      environment: ["PORTA_REGISTER_SECRET": ""])
        #expect(withoutSecret.status == 2 && !FileManager.default.fileExists(atPath: sender.file("again.age")))
    }
}

/// The README's transfer walkthrough, run as written (only the binary's and the config's paths
/// are those of the test), so the README stays true.
@Suite struct ReadmeTransferWalkthroughTests {
    @Test func theReadmesTransferWalkthroughRunsAsWritten() throws {
        try PeerTool.require("age")
        let sample = try SampleController()
        let script = try ReadmeScript.first(after: "## Sending a bundle to another controller", sample: sample)
            .replacingOccurrences(of: "samples/receiver/", with: Repository.path("samples/receiver") + "/")
        #expect(script.contains("$porta import"))
        let folder = TemporaryFolder("porta-readme")
        let run = try ExternalProcess.run("bash", ["-euo", "pipefail", "-c", script], in: folder.path, environment: SampleServices.environment)
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("Good \"porta-bundle\" signature") || run.standardError.contains("Good \"porta-bundle\" signature"),
                "\(run.combined)")
        #expect(run.standardOutput.contains("level 5 authenticity: pass: signed by exempelbutiken,dpo@exempelbutiken.se"))
        #expect(run.standardOutput.contains("imported: urn:uuid:"))
        #expect(run.standardOutput.contains("(not accepted)"))
        #expect(run.standardOutput.contains("Anna     Svensson   EB-2023-0001  2023-06-10 12:05:00  LEV     104800     SEK"), "\(run.standardOutput)")
    }
}

/// The README's walkthrough of `porta serve` and `porta send`, run as written.
@Suite struct ReadmeServeWalkthroughTests {
    @Test func theReadmesServeAndSendWalkthroughRunsAsWritten() throws {
        try PeerTool.require("ssh-keygen")
        let sample = try SampleController()
        let script = try ReadmeScript.first(after: "### Straight to the receiver: `porta serve` and `porta send`", sample: sample)
        #expect(script.contains("$porta serve") && script.contains("$porta send"))
        let folder = TemporaryFolder("porta-readme-serve")
        let run = try ExternalProcess.run("bash", ["-euo", "pipefail", "-c", script], in: folder.path, environment: SampleServices.environment)
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("records imported: 29, skipped: 0"), "\(run.combined)")
        #expect(run.combined.contains("Good \"porta-receipt\" signature for receiver"), "\(run.combined)")
    }
}

/// A shell block of the README, with the binary's and the sample config's paths those of the test.
enum ReadmeScript {
    /// The first ```sh block after `heading`, reading the config of `sample`, which the caller
    /// keeps while the script runs.
    static func first(after heading: String, sample: SampleController) throws -> String {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: heading))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```sh\n"))
        let end = try #require(rest[start.upperBound...].range(of: "```"))
        return String(rest[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "porta=.build/release/porta", with: "porta=" + ExternalProcess.portaBinary)
            .replacingOccurrences(of: "samples/retailer/porta.yml", with: sample.configPath)
    }
}
