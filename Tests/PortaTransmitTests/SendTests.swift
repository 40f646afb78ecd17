import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PortaBundle
import PortaModel
import PortaRegister
import PortaSend
import PortaServe
import PortaTestSupport
import PortaVerify
import Testing

/// `porta send`'s library: it checks before it sends, retries what may pass, and keeps only a
/// receipt the receiver signed for this bundle.
@Suite(.serialized) struct SendTests {
    let parties: TransferParties

    init() throws { parties = try TransferParties() }

    func options(_ url: String, attempts: Int = 3, timeout: Double = 30) throws -> SendOptions {
        SendOptions(receiver: url, receiverKey: try SSHPublicKey(contentsOf: parties.receiptPublicKey),
                    verify: VerifyOptions(identities: try AgeIdentity.read(contentsOf: parties.senderIdentity)),
                    timeout: timeout, attempts: attempts, backoff: 0.05)
    }

    @Test func aSentBundleIsImportedAndItsReceiptKeptBesideItAndInTheRegister() async throws {
        let (_, sealed) = try await parties.bundle("req-send-1")
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let register = try RequestRegister(path: parties.folder.file("register.sqlite"), secretVariable: "SECRET",
                                           environment: ["SECRET": "a test secret of enough bytes"])
        let result = try await BundleSender(options: try options(server.url), register: register).send(sealed, at: Timestamp(.now))
        #expect(result.outcome == .accepted && result.attempts == 1)
        #expect(result.receiptPath == sealed + ".receipt.json")
        let kept = try Data(contentsOf: URL(fileURLWithPath: sealed + ".receipt.json"))
        #expect([UInt8](kept) == result.receipt?.json)
        #expect(FileManager.default.fileExists(atPath: sealed + ".receipt.json.sig"))
        let entry = try #require(try register.entries().last?.entry)
        #expect(entry.action == .send && entry.outcome == .ok)
        #expect(entry.receiptDigest == SHA256Hex.of([UInt8](kept)))
        #expect(try parties.storedRecords() == 29)
    }

    @Test func theKeptReceiptVerifiesWithSSHKeygen() async throws {
        try PeerTool.require("ssh-keygen")
        let (_, sealed) = try await parties.bundle("req-send-2")
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        _ = try await BundleSender(options: try options(server.url)).send(sealed, at: Timestamp(.now))
        let checked = try ExternalProcess.run("sh", ["-c", "ssh-keygen -Y verify -f \"$1\" -I receiver -n porta-receipt -s \"$2\" < \"$3\"",
                                                     "sh", parties.receiptSigners, sealed + ".receipt.json.sig", sealed + ".receipt.json"])
        #expect(checked.status == 0, "\(checked.combined)")
    }

    @Test func anUnsignedBundleIsNotSent() async throws {
        let bag = try await SampleController().export(requestID: "req-send-3", into: parties.folder.file("unsigned")).bundlePath
        try BundleZip.pack(bag, to: bag + ".zip")
        // Nothing listens there: had it tried to send, the error would be `undelivered`.
        await #expect { try await BundleSender(options: try options("http://127.0.0.1:9", attempts: 1)).send(bag + ".zip", at: Timestamp(.now)) }
            throws: { ($0 as? SendError)?.code == .invalid }
    }

    @Test func aBundleThatDoesNotVerifyIsNotSent() async throws {
        let (zip, _) = try await parties.bundle("req-send-4")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zip)))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: zip))
        let result = try await BundleSender(options: try options("http://127.0.0.1:9", attempts: 1)).send(zip, at: Timestamp(.now))
        #expect(result.outcome == .notSent && !result.report.isValid && result.receipt == nil)
    }

    @Test func anUnreachableReceiverIsTriedAgainThenUndelivered() async throws {
        let (_, sealed) = try await parties.bundle("req-send-5")
        await #expect { try await BundleSender(options: try options("http://127.0.0.1:9", attempts: 3, timeout: 1)).send(sealed, at: Timestamp(.now)) }
            throws: { error in
                guard let error = error as? SendError else { return false }
                return error.code == .undelivered && error.message.hasSuffix("after 3 attempts")
            }
        #expect(!FileManager.default.fileExists(atPath: sealed + ".receipt.json"))
    }

    @Test func aBusyReceiverIsTriedAgainAndAReceiptByAnotherKeyIsRefused() async throws {
        let (_, sealed) = try await parties.bundle("req-send-6")
        let impostorFile = parties.folder.file("impostor.key")
        try BagFiles.write(SSHSigningKey(comment: "impostor").openSSHText, to: impostorFile)
        let fake = try await FakeReceiver.start(busyFirst: 2) { upload in
            let impostor = try SSHSigningKey(contentsOf: impostorFile)
            let receipt = TransferReceipt(outcome: .imported, upload: upload, receiverKey: impostor.fingerprint, receivedAt: "2026-01-01T00:00:00Z")
            return try SignedReceipt(signing: receipt, with: impostor)
        }
        defer { Task { await fake.stop() } }
        await #expect { try await BundleSender(options: try options(fake.url, attempts: 4)).send(sealed, at: Timestamp(.now)) }
            throws: { ($0 as? SendError)?.code == .receipt && "\($0)".contains("not the receiver's") }
        #expect(await fake.requests.count == 3, "two answers of 503, then the receipt")
        #expect(!FileManager.default.fileExists(atPath: sealed + ".receipt.json"))
    }

    @Test func aReceiptNamingAnotherBundleIsRefused() async throws {
        let (_, sealed) = try await parties.bundle("req-send-7")
        let receiverFile = parties.receiptKey
        let fake = try await FakeReceiver.start(busyFirst: 0) { upload in
            let receiver = try SSHSigningKey(contentsOf: receiverFile)
            let receipt = TransferReceipt(outcome: .imported, upload: upload, digest: "sha256:" + String(repeating: "0", count: 64),
                                          receiverKey: receiver.fingerprint, receivedAt: "2026-01-01T00:00:00Z")
            return try SignedReceipt(signing: receipt, with: receiver)
        }
        defer { Task { await fake.stop() } }
        await #expect { try await BundleSender(options: try options(fake.url)).send(sealed, at: Timestamp(.now)) }
            throws: { ($0 as? SendError)?.code == .receipt && "\($0)".contains("another bundle") }
    }

    @Test func aRefusedBundleKeepsItsRefusalAndIsRecordedAsFailed() async throws {
        let stranger = parties.folder.file("stranger.key")
        try BagFiles.write(SSHSigningKey(comment: "stranger").openSSHText, to: stranger)
        let (_, sealed) = try await parties.bundle("req-send-8", signedWith: stranger)
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let register = try RequestRegister(path: parties.folder.file("register.sqlite"), secretVariable: "SECRET",
                                           environment: ["SECRET": "a test secret of enough bytes"])
        let result = try await BundleSender(options: try options(server.url), register: register).send(sealed, at: Timestamp(.now))
        #expect(result.outcome == .refused)
        #expect(result.receipt?.receipt.findings.map(\.code) == ["untrusted-signer"])
        let entry = try #require(try register.entries().last?.entry)
        #expect(entry.action == .send && entry.outcome == .failed && entry.error == "refused by the receiver: untrusted-signer")
    }
}

/// A receiver that is not Porta: it answers 503 to the first requests, then the receipt
/// `answer` makes for the upload — to see what the sender makes of what a real receiver
/// would never say.
actor FakeReceiver {
    let url: String
    private(set) var requests: [Int] = []
    private let task: Task<Void, any Error>

    private init(url: String, task: Task<Void, any Error>) {
        self.url = url
        self.task = task
    }

    private func count(_ bytes: Int) -> Int {
        requests.append(bytes)
        return requests.count
    }

    static func start(busyFirst: Int, answer: @escaping @Sendable (TransferReceipt.Upload) throws -> SignedReceipt) async throws -> FakeReceiver {
        let box = ReceiverBox()
        let router = Router()
        router.post("/v1/bundles") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 64 << 20)
            let bytes = Array(buffer: body)
            let number = await box.receiver!.count(bytes.count)
            if number <= busyFirst { return Response(status: .serviceUnavailable) }
            let signed = try answer(TransferReceipt.Upload(sha256: SHA256Hex.of(bytes), bytes: bytes.count))
            var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: signed.json)))
            response.headers[HTTPField.Name(SignedReceipt.header)!] = signed.signatureBase64
            return response
        }
        let (addresses, listening) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { listening.yield($0.localAddress?.port ?? 0) })
        let task = Task { try await app.run() }
        var next = addresses.makeAsyncIterator()
        let port = await next.next() ?? 0
        let receiver = FakeReceiver(url: "http://127.0.0.1:\(port)", task: task)
        await box.set(receiver)
        return receiver
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

private actor ReceiverBox {
    var receiver: FakeReceiver?
    func set(_ receiver: FakeReceiver) { self.receiver = receiver }
}
