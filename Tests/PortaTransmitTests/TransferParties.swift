import AsyncHTTPClient
import Foundation
import NIOCore
import PortaBundle
import PortaModel
import PortaServe
import PortaTestSupport
import PortaVerify

/// A sender and a receiver with their keys on disk, as `porta keygen` makes them: the sender's
/// bundle-signing key (bound to the sample controller in the receiver's allowed-signers file)
/// and age identity, the receiver's age identity and receipt key. Bundles are the sample
/// subject's, exported, zipped, signed and sealed to both.
final class TransferParties: @unchecked Sendable {
    let folder = TemporaryFolder("porta-transmit")
    var signingKey: String { folder.file("dpo.key") }
    var allowedSigners: String { folder.file("allowed_signers") }
    var receiverIdentity: String { folder.file("receiver.age") }
    var senderIdentity: String { folder.file("sender.age") }
    var receiptKey: String { folder.file("receipt.key") }
    var receiptPublicKey: String { folder.file("receipt.key.pub") }
    /// The receipt key as `ssh-keygen -Y verify` takes it, for the principal `receiver`.
    var receiptSigners: String { folder.file("receipt_signers") }
    var store: String { folder.file("receiver.sqlite") }

    init() throws {
        let dpo = SSHSigningKey(comment: "dpo@exempelbutiken.se")
        try BagFiles.write(dpo.openSSHText, to: signingKey)
        try BagFiles.write("exempelbutiken,dpo@exempelbutiken.se namespaces=\"porta-bundle\" " + dpo.publicKeyLine, to: allowedSigners)
        for path in [receiverIdentity, senderIdentity] {
            try BagFiles.write(AgeIdentity().fileText(created: Date(timeIntervalSince1970: 0)), to: path)
        }
        let receipt = SSHSigningKey(comment: "receiver")
        try BagFiles.write(receipt.openSSHText, to: receiptKey)
        try BagFiles.write(receipt.publicKeyLine, to: receiptPublicKey)
        try BagFiles.write("receiver " + receipt.publicKeyLine, to: receiptSigners)
        for path in [signingKey, receiverIdentity, senderIdentity, receiptKey] { chmod(path, 0o600) }
    }

    func recipients() throws -> [AgeRecipient] {
        try [receiverIdentity, senderIdentity].map { try AgeIdentity.read(contentsOf: $0)[0].recipient }
    }

    /// The sample subject's bundle for `requestID`, zipped and signed with the sender's key
    /// (`key`, when another), and that zip sealed to the receiver and the sender.
    func bundle(_ requestID: String, signedWith key: String? = nil) async throws -> (zip: String, sealed: String) {
        let out = folder.file("out-" + requestID)
        let bag = try await SampleController().export(requestID: requestID, into: out).bundlePath
        let zip = bag + ".zip"
        try BundleZip.pack(bag, to: zip)
        guard case .signed = try BundleSigner(key: SSHSigningKey(contentsOf: key ?? signingKey)).sign(zip, at: Timestamp(.now)) else {
            throw TransferTestFailure("the sample bundle did not sign")
        }
        let sealed = try BundleSealer(recipients: try recipients()).seal(zip, at: Timestamp(.now))
        return (zip, sealed)
    }

    func configuration(maxBodyBytes: Int = 64 << 20) throws -> ServerConfiguration {
        try ServerConfiguration(host: "127.0.0.1", port: 0, trustedKeysFile: allowedSigners, identityFiles: [receiverIdentity],
                                receiptKeyFile: receiptKey, destination: .store(path: store), maxBodyBytes: maxBodyBytes)
    }

    /// The store's bundles, and its records per bundle.
    func storedBundles() throws -> [String: Int] {
        guard FileManager.default.fileExists(atPath: store) else { return [:] }
        let rows = try ExternalProcess.run("sqlite3", [store, "SELECT bundle_id, records_imported FROM porta_bundle"])
        var bundles: [String: Int] = [:]
        for line in rows.standardOutput.split(separator: "\n") {
            let parts = line.split(separator: "|")
            bundles[String(parts[0])] = Int(parts[1])
        }
        return bundles
    }

    func storedRecords() throws -> Int {
        guard FileManager.default.fileExists(atPath: store) else { return 0 }
        return Int(try ExternalProcess.run("sqlite3", [store, "SELECT count(*) FROM porta_record"]).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}

struct TransferTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A `TransferServer` running in this process on a free loopback port.
struct RunningServer {
    let url: String
    let task: Task<Void, any Error>

    static func start(_ configuration: ServerConfiguration) async throws -> RunningServer {
        let server = try TransferServer(configuration: configuration)
        let (addresses, listening) = AsyncStream.makeStream(of: String.self)
        let task = Task { try await server.run { listening.yield($0) } }
        var next = addresses.makeAsyncIterator()
        guard let url = await next.next() else { throw TransferTestFailure("the server did not start") }
        return RunningServer(url: url, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// A raw answer of the server, as any HTTP client sees it.
struct RawAnswer {
    let status: UInt
    let body: [UInt8]
    let signature: String?

    /// The receipt, checked against the receiver's key.
    func receipt(_ parties: TransferParties) throws -> SignedReceipt {
        guard let signature else { throw TransferTestFailure("no receipt signature in the answer (HTTP \(status))") }
        return try SignedReceipt(json: body, signatureBase64: signature, receiverKey: try SSHPublicKey(contentsOf: parties.receiptPublicKey))
    }
}

enum RawUpload {
    /// POSTs `bytes` to the server's bundle endpoint.
    static func post(_ bytes: [UInt8], to url: String) async throws -> RawAnswer {
        var request = HTTPClientRequest(url: url + "/v1/bundles")
        request.method = .POST
        request.body = .bytes(ByteBuffer(bytes: bytes))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 4 << 20)
        return RawAnswer(status: response.status.code, body: Array(buffer: body),
                         signature: response.headers.first(name: SignedReceipt.header))
    }

    static func post(file path: String, to url: String) async throws -> RawAnswer {
        try await post([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), to: url)
    }
}
