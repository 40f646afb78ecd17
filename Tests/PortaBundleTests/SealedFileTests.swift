import Foundation
import PortaBundle
import PortaTestSupport
import Testing

/// Sealing and opening in the age v1 format, against the real `age` and `age-keygen`.
@Suite struct SealedFileTests {
    let folder = TemporaryFolder("porta-seal")

    /// A file of `count` bytes that are not all alike.
    func plaintext(_ name: String, bytes count: Int) throws -> String {
        let path = folder.file(name)
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// An identity made by `age-keygen`; returns its file and its recipient.
    func ageKeygen(_ name: String) throws -> (file: String, recipient: String) {
        try PeerTool.require("age-keygen")
        let made = try ExternalProcess.run("age-keygen", ["-o", folder.file(name)])
        #expect(made.status == 0, "\(made.combined)")
        let recipient = try #require(made.standardError.split(separator: " ").last).trimmingCharacters(in: .whitespacesAndNewlines)
        return (folder.file(name), recipient)
    }

    /// The ``BundleError`` `body` throws; nil when it throws none.
    func failure(_ body: () throws -> Void) -> BundleError? {
        do { try body() } catch let error as BundleError { return error } catch { Issue.record("not a BundleError: \(error)") }
        return nil
    }

    /// Nothing but the named files in the folder: no partial plaintext, no temporary file.
    func folderHolds(_ names: Set<String>) throws -> Bool {
        Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == names
    }

    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 3 * 65_536, 200_000])
    func whatIsSealedOpensToTheSameBytes(size: Int) throws {
        let identity = AgeIdentity()
        let input = try plaintext("in", bytes: size)
        try SealedFile.seal(input, to: folder.file("in.age"), recipients: [identity.recipient])
        try SealedFile.open(folder.file("in.age"), to: folder.file("out"), identities: [identity])
        #expect(FileManager.default.contents(atPath: folder.file("out")) == FileManager.default.contents(atPath: input))
        let sealedSize = try #require(try FileManager.default.attributesOfItem(atPath: folder.file("in.age"))[.size] as? Int)
        let chunks = max(1, (size + 65_535) / 65_536)
        #expect(sealedSize > size + chunks * 16, "each 64 KiB chunk carries a 16-byte tag")
    }

    @Test func theAgeCommandOpensWhatPortaSeals() throws {
        let (identityFile, recipient) = try ageKeygen("key.txt")
        let input = try plaintext("in", bytes: 150_000)
        try SealedFile.seal(input, to: folder.file("in.age"), recipients: [try AgeRecipient(recipient)])
        let opened = try ExternalProcess.run("age", ["-d", "-i", identityFile, "-o", folder.file("out"), folder.file("in.age")])
        #expect(opened.status == 0, "\(opened.combined)")
        #expect(FileManager.default.contents(atPath: folder.file("out")) == FileManager.default.contents(atPath: input))
    }

    @Test func portaOpensWhatTheAgeCommandSealsForOneOfSeveralRecipients() throws {
        let (_, other) = try ageKeygen("other.txt")
        let (identityFile, recipient) = try ageKeygen("key.txt")
        let input = try plaintext("in", bytes: 70_000)
        let sealed = try ExternalProcess.run("age", ["-r", other, "-r", recipient, "-o", folder.file("in.age"), input])
        #expect(sealed.status == 0, "\(sealed.combined)")
        try SealedFile.open(folder.file("in.age"), to: folder.file("out"), identities: try AgeIdentity.read(contentsOf: identityFile))
        #expect(FileManager.default.contents(atPath: folder.file("out")) == FileManager.default.contents(atPath: input))
    }

    @Test func anIdentityPortaMakesIsOneTheAgeCommandUses() throws {
        try PeerTool.require("age")
        let identity = AgeIdentity()
        try BagFiles.write(identity.fileText(created: Date(timeIntervalSince1970: 0)), to: folder.file("key.txt"))
        let recipient = try ExternalProcess.run("age-keygen", ["-y", folder.file("key.txt")])
        #expect(recipient.standardOutput.trimmingCharacters(in: .newlines) == identity.recipient.description)
    }

    @Test func aWrongIdentityIsRefusedAndNothingIsWritten() throws {
        let input = try plaintext("in", bytes: 1000)
        try SealedFile.seal(input, to: folder.file("in.age"), recipients: [AgeIdentity().recipient])
        let error = failure { try SealedFile.open(folder.file("in.age"), to: folder.file("out"), identities: [AgeIdentity()]) }
        #expect(error?.code == .wrongKey)
        #expect(try folderHolds(["in", "in.age"]))
    }

    /// Seals 200 000 bytes (four chunks), damages the sealed file with `damage`, and expects
    /// opening to fail as `damaged` without leaving any plaintext.
    func expectDamaged(_ damage: (inout [UInt8]) -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let identity = AgeIdentity()
        let input = try plaintext("in", bytes: 200_000)
        try SealedFile.seal(input, to: folder.file("in.age"), recipients: [identity.recipient])
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: folder.file("in.age"))))
        damage(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("in.age")))
        let error = failure { try SealedFile.open(folder.file("in.age"), to: folder.file("out"), identities: [identity]) }
        #expect(error?.code == .damaged, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(try folderHolds(["in", "in.age"]), "no plaintext may be left", sourceLocation: sourceLocation)
    }

    /// Where the payload starts: after the header's last line and the 16-byte nonce.
    func payloadStart(_ bytes: [UInt8]) -> Int {
        let text = Array("\n--- ".utf8)
        let macLine = (0...(bytes.count - text.count)).first { Array(bytes[$0..<$0 + text.count]) == text }!
        return bytes[(macLine + 1)...].firstIndex(of: 0x0A)! + 1 + 16
    }

    @Test func aFileTruncatedInsideAChunkIsRefused() throws {
        try expectDamaged { $0.removeLast(1000) }
    }

    @Test func aFileTruncatedAtAChunkBoundaryIsRefused() throws {
        try expectDamaged { bytes in bytes.removeSubrange((payloadStart(bytes) + 2 * (65_536 + 16))...) }
    }

    @Test func aFlippedBitInThePayloadIsRefused() throws {
        try expectDamaged { bytes in bytes[payloadStart(bytes) + 70_000] ^= 0x01 }
    }

    @Test func aFlippedBitInTheHeaderIsRefused() throws {
        try expectDamaged { bytes in
            let start = payloadStart(bytes) - 16
            bytes[start - 10] = bytes[start - 10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        }
    }

    @Test func reorderedChunksAreRefused() throws {
        try expectDamaged { bytes in
            let start = payloadStart(bytes), size = 65_536 + 16
            let first = Array(bytes[start..<start + size])
            bytes.replaceSubrange(start..<start + size, with: bytes[start + size..<start + 2 * size])
            bytes.replaceSubrange(start + size..<start + 2 * size, with: first)
        }
    }

    @Test func aFileThatIsNotAgeIsRefusedAsDamaged() throws {
        let input = try plaintext("in.age", bytes: 500)
        #expect(!SealedFile.looksSealed(input))
        #expect(failure { try SealedFile.open(input, to: folder.file("out"), identities: [AgeIdentity()]) }?.code == .damaged)
    }

    @Test func sealingNeverReplacesAFile() throws {
        let input = try plaintext("in", bytes: 10)
        try BagFiles.write("keep", to: folder.file("in.age"))
        #expect(throws: BundleError.self) { try SealedFile.seal(input, to: folder.file("in.age"), recipients: [AgeIdentity().recipient]) }
        #expect(try String(contentsOfFile: folder.file("in.age"), encoding: .utf8) == "keep")
    }

    @Test func aSealedFileIsOwnerOnly() throws {
        let input = try plaintext("in", bytes: 10)
        try SealedFile.seal(input, to: folder.file("in.age"), recipients: [AgeIdentity().recipient])
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: folder.file("in.age"))[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    @Test func recipientsAndIdentitiesAreCheckedBeforeUse() throws {
        #expect(throws: BundleError.self) { try AgeRecipient("age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq") }
        #expect(throws: BundleError.self) { try AgeRecipient("ssh-ed25519 AAAA") }
        let recipient = AgeIdentity().recipient.description
        #expect(try AgeRecipient(recipient).description == recipient)
        let broken = String(recipient.dropLast()) + (recipient.last == "q" ? "p" : "q")
        #expect(throws: BundleError.self) { try AgeRecipient(broken) }
        try BagFiles.write("# a comment\n\nAGE-SECRET-KEY-1NOTAKEY\n", to: folder.file("bad.txt"))
        let error = try #require(failure { _ = try AgeIdentity.read(contentsOf: folder.file("bad.txt")) })
        #expect(error.code == .invalidKey && error.message.contains("line 3") && !error.message.contains("NOTAKEY"))
    }
}
