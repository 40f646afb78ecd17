import Foundation
import PortaBundle
import PortaModel
import PortaServe
import PortaTestSupport
import PortaVerify
import Testing

/// `porta serve`'s library: what the receiver answers each kind of upload, over real HTTP on
/// loopback, and what it leaves in its store and spool.
@Suite(.serialized) struct ServeTests {
    let parties: TransferParties

    init() throws { parties = try TransferParties() }

    @Test func aSealedSignedBundleIsImportedAndAnsweredWithAReceiptTheReceiversKeySigned() async throws {
        let (zip, sealed) = try await parties.bundle("req-serve-1")
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let answer = try await RawUpload.post(file: sealed, to: server.url)
        #expect(answer.status == 200)
        let receipt = try answer.receipt(parties).receipt
        #expect(receipt.outcome == .imported)
        #expect(receipt.digest == "sha256:" + (try BundleFacts.read(zip).digest))
        #expect(receipt.controller == "exempelbutiken")
        #expect(receipt.senderKey == (try SSHSigningKey(contentsOf: parties.signingKey).fingerprint))
        #expect(receipt.imported == 29 && receipt.skipped == 0)
        #expect(receipt.upload?.sha256 == SHA256Hex.of([UInt8](try Data(contentsOf: URL(fileURLWithPath: sealed)))))
        #expect(try parties.storedRecords() == 29)
        let spool = try FileManager.default.contentsOfDirectory(atPath: parties.store + ".spool/incoming")
        #expect(spool.isEmpty, "uploads are removed once judged: \(spool)")
    }

    @Test func theSameBundleSentTwiceGetsTheSameReceiptAndChangesNothing() async throws {
        let (_, sealed) = try await parties.bundle("req-serve-2")
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let first = try await RawUpload.post(file: sealed, to: server.url)
        let records = try parties.storedRecords()
        let second = try await RawUpload.post(file: sealed, to: server.url)
        #expect(first.status == 200 && second.status == 200)
        #expect(first.body == second.body, "the same receipt, with the first receive time")
        #expect(first.signature == second.signature)
        #expect(try parties.storedRecords() == records)
        #expect(try parties.storedBundles().count == 1)
    }

    @Test func theSameBundleResealedIsTheSameImportNamingItsNewUpload() async throws {
        let (zip, sealed) = try await parties.bundle("req-serve-3")
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let first = try await RawUpload.post(file: sealed, to: server.url).receipt(parties).receipt
        let resealed = try BundleSealer(recipients: try parties.recipients()).seal(zip, to: zip + ".again.age", at: Timestamp(.now))
        let second = try await RawUpload.post(file: resealed, to: server.url).receipt(parties).receipt
        #expect(second.outcome == .imported && second.receivedAt == first.receivedAt && second.kinds == first.kinds)
        #expect(second.upload != first.upload)
        #expect(try parties.storedBundles().count == 1)
    }

    @Test func aBodyThatIsNotABundleIsRefusedByNameAndNothingIsStored() async throws {
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let answer = try await RawUpload.post(Array("not a zip at all".utf8), to: server.url)
        #expect(answer.status == 422)
        let receipt = try answer.receipt(parties).receipt
        #expect(receipt.outcome == .refused && receipt.refusal?.code == "not-a-bundle")
        #expect(receipt.digest == nil)
        #expect(try parties.storedBundles().isEmpty)
    }

    @Test func aTamperedBundleIsRefusedWithItsFindingsAndTheStoreIsUnchanged() async throws {
        let (zip, _) = try await parties.bundle("req-serve-4")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zip)))
        // A byte of the deflated records changes: the zip's own CRC and the bag's digests catch it.
        bytes[bytes.count / 2] ^= 0x01
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let answer = try await RawUpload.post(bytes, to: server.url)
        #expect(answer.status == 422)
        let receipt = try answer.receipt(parties).receipt
        #expect(receipt.outcome == .refused)
        #expect(!receipt.findings.isEmpty, "the findings say why")
        #expect(try parties.storedBundles().isEmpty)
    }

    @Test func aBundleSignedByAnUntrustedKeyIsRefusedAsUntrusted() async throws {
        let stranger = parties.folder.file("stranger.key")
        try BagFiles.write(SSHSigningKey(comment: "stranger").openSSHText, to: stranger)
        let (_, sealed) = try await parties.bundle("req-serve-5", signedWith: stranger)
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let answer = try await RawUpload.post(file: sealed, to: server.url)
        #expect(answer.status == 422)
        let receipt = try answer.receipt(parties).receipt
        #expect(receipt.findings.map(\.code) == ["untrusted-signer"])
        #expect(receipt.bundleId != nil, "the bundle was read, only not trusted")
        #expect(try parties.storedBundles().isEmpty)
    }

    @Test func anUnsignedBundleIsRefusedForItsMissingSignature() async throws {
        let bag = try await SampleController().export(requestID: "req-serve-6", into: parties.folder.file("unsigned")).bundlePath
        try BundleZip.pack(bag, to: bag + ".zip")
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let receipt = try await RawUpload.post(file: bag + ".zip", to: server.url).receipt(parties).receipt
        #expect(receipt.findings.map(\.code) == ["missing-signature"])
        #expect(try parties.storedBundles().isEmpty)
    }

    @Test func aBundleSealedToAnotherReceiverIsRefusedAsNotOpened() async throws {
        let (zip, _) = try await parties.bundle("req-serve-7")
        let other = try BundleSealer(recipients: [AgeIdentity().recipient]).seal(zip, to: zip + ".other.age", at: Timestamp(.now))
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let answer = try await RawUpload.post(file: other, to: server.url)
        #expect(answer.status == 422)
        #expect(try answer.receipt(parties).receipt.refusal?.code == "not-opened")
        #expect(try parties.storedBundles().isEmpty)
    }

    @Test func aBodyOverTheLimitIsAnswered413AndNothingIsKept() async throws {
        let (_, sealed) = try await parties.bundle("req-serve-8")
        let server = try await RunningServer.start(try parties.configuration(maxBodyBytes: 10_000))
        defer { Task { await server.stop() } }
        let answer = try await RawUpload.post(file: sealed, to: server.url)
        #expect(answer.status == 413)
        let receipt = try answer.receipt(parties).receipt
        #expect(receipt.refusal?.code == "too-large" && receipt.upload == nil)
        #expect(try parties.storedBundles().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parties.store + ".spool/incoming").isEmpty)
    }

    @Test func aTruncatedUploadKeepsNothingAndTheServerGoesOn() async throws {
        let (_, sealed) = try await parties.bundle("req-serve-10")
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        // A sender that promises the whole sealed file and breaks off after half of it.
        let port = try #require(server.url.split(separator: ":").last.map(String.init))
        let cut = try ExternalProcess.run("python3", ["-c", """
            import os, socket, sys, time
            body = open(sys.argv[2], 'rb').read()
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            s.sendall(b'POST /v1/bundles HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: %d\\r\\n\\r\\n' % len(body))
            s.sendall(body[:len(body) // 2])
            deadline = time.time() + 10
            while not os.listdir(sys.argv[3]) and time.time() < deadline:
                time.sleep(0.05)
            print(len(os.listdir(sys.argv[3])))
            s.close()
            """, port, sealed, parties.store + ".spool/incoming"])
        #expect(cut.status == 0, "\(cut.combined)")
        #expect(cut.standardOutput == "1\n", "the half upload was in the spool while it arrived")
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(try parties.storedBundles().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parties.store + ".spool/incoming").isEmpty)
        // The whole file, sent afterwards, is taken.
        #expect(try await RawUpload.post(file: sealed, to: server.url).status == 200)
    }

    @Test func aRefusalIsRepeatedForTheSameBytesUntilTheTrustedKeysChange() async throws {
        let stranger = parties.folder.file("stranger.key")
        let strangerKey = SSHSigningKey(comment: "stranger")
        try BagFiles.write(strangerKey.openSSHText, to: stranger)
        let (_, sealed) = try await parties.bundle("req-serve-9", signedWith: stranger)
        var server = try await RunningServer.start(try parties.configuration())
        let first = try await RawUpload.post(file: sealed, to: server.url)
        let again = try await RawUpload.post(file: sealed, to: server.url)
        #expect(first.body == again.body && first.status == 422)
        await server.stop()
        // The receiver now trusts the key for the controller: the same bytes are judged anew.
        let trusted = try String(contentsOfFile: parties.allowedSigners, encoding: .utf8)
            + "exempelbutiken,stranger namespaces=\"porta-bundle\" " + strangerKey.publicKeyLine
        try BagFiles.write(trusted, to: parties.allowedSigners)
        server = try await RunningServer.start(try parties.configuration())
        defer { Task { [server] in await server.stop() } }
        let judgedAgain = try await RawUpload.post(file: sealed, to: server.url)
        #expect(judgedAgain.status == 200, "\(String(decoding: judgedAgain.body, as: UTF8.self))")
    }

    @Test func aSpoolThatCannotBeWrittenIsAnswered503ToTryAgain() async throws {
        let (_, sealed) = try await parties.bundle("req-serve-11")
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let incoming = parties.store + ".spool/incoming"
        try FileManager.default.removeItem(atPath: incoming)
        try BagFiles.write("not a folder", to: incoming)
        let answer = try await RawUpload.post(file: sealed, to: server.url)
        #expect(answer.status == 503 && answer.signature == nil)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("send it again"))
        #expect(try parties.storedBundles().isEmpty)
    }

    @Test func healthAnswersOK() async throws {
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let health = try await HealthCheck.get(server.url)
        #expect(health.status == 200 && health.body.contains(#""status":"ok""#))
    }

    @Test func plainHTTPAwayFromLoopbackIsRefusedAtStart() throws {
        var configuration = try parties.configuration()
        configuration.host = "0.0.0.0"
        #expect { try TransferServer(configuration: configuration) } throws: { ($0 as? ServeError)?.code == .address }
    }
}
