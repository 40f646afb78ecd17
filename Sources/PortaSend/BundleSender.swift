import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOSSL
import PortaBundle
import PortaBytes
import PortaModel
import PortaRegister
import PortaVerify

/// The sending side of direct transmission (Art. 20(2)): checks a signed bundle at every level,
/// uploads it to the receiver's `POST /v1/bundles`, retrying with backoff on 429, 5xx and
/// connection errors, checks the receipt's signature against the receiver's key and that it
/// names this bundle, and keeps the receipt beside the bundle (`BUNDLE.receipt.json` and
/// `BUNDLE.receipt.json.sig`). With a register, the send is recorded with the receipt's digest.
///
/// ```swift
/// let result = try await BundleSender(options: options).send("out/porta-req-1.zip.age", at: Timestamp(.now))
/// ```
public struct BundleSender: Sendable {
    public let options: SendOptions
    private let register: RequestRegister?

    public init(options: SendOptions, register: RequestRegister? = nil) {
        self.options = options
        self.register = register
    }

    /// Sends the bundle at `path` (a signed zip, or a sealed one the sender's identity opens).
    /// - Throws: ``SendError``: `unreadable` when the bundle cannot be opened to check it,
    ///   `invalid` when it is not signed, `undelivered` when the receiver could not be reached,
    ///   `receipt` when its answer is not a receipt it signed for this bundle, `io` when the
    ///   receipt or the register entry cannot be written.
    public func send(_ path: String, at time: Timestamp) async throws(SendError) -> SendResult {
        let bundle = path.hasSuffix("/") ? String(path.dropLast()) : path
        var verify = options.verify
        verify.maxLevel = VerificationPipeline.levelNames.keys.max()!
        let verified: BundleVerifier.VerifiedBag
        do { verified = try BundleVerifier(options: verify).verifyKeepingBag(bundle) } catch {
            throw SendError(.unreadable, path: bundle, message: "cannot be checked before sending: \(error.message)", cause: error)
        }
        let facts = verified.facts
        verified.scratch.remove()
        guard verified.report.isValid, let facts else {
            return SendResult(outcome: .notSent, receipt: nil, receiptPath: nil, report: verified.report, attempts: 0)
        }
        guard verified.report.levels.first(where: { $0.level == 5 })?.detail != nil else {
            throw SendError(.invalid, path: bundle, message: "the bundle is not signed; porta sign it before sending")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: bundle, isDirectory: &isFolder), !isFolder.boolValue else {
            throw SendError(.invalid, path: bundle, message: "a bundle folder is not sent; porta pack (and seal) it first")
        }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: bundle)[.size]) as? Int,
              let uploadDigest = FileHashing.digest(of: bundle, algorithms: [.sha256])?[.sha256] else {
            throw SendError(.unreadable, path: bundle, message: "cannot be read")
        }
        let (answer, attempts) = try await deliver(bundle, size: size)
        let receipt = try check(answer, bundle: bundle, digest: facts.digest, upload: uploadDigest)
        let receiptPath = bundle + ".receipt.json"
        do {
            try WholeFile.write(Array(receipt.signature.armored.utf8), to: receiptPath + ".sig")
            try WholeFile.write(receipt.json, to: receiptPath)
        } catch {
            throw SendError(.io, path: receiptPath, message: "the receipt could not be stored: \(error)", cause: error)
        }
        let accepted = receipt.receipt.outcome == .imported
        if let register {
            var entry = RegisterEntry(.send, of: facts, at: time, outcome: accepted ? .ok : .failed,
                                      error: accepted ? nil : Self.refusalSummary(receipt.receipt))
            entry.receiptDigest = Hex.lowercase(Array(SHA256.hash(data: receipt.json)))
            do { try register.append(entry, subject: facts.subject) } catch {
                throw SendError(.io, path: bundle, message: "the register could not record the send: \(error)", cause: error)
            }
        }
        return SendResult(outcome: accepted ? .accepted : .refused, receipt: receipt, receiptPath: receiptPath,
                          report: verified.report, attempts: attempts)
    }

    /// The codes of a refusal, without personal data, for the register.
    static func refusalSummary(_ receipt: TransferReceipt) -> String {
        "refused by the receiver: " + ([receipt.refusal?.code].compactMap { $0 } + receipt.findings.map(\.code)).joined(separator: ", ")
    }

    /// The receiver's answer: status, body and signature header.
    struct Answer {
        let status: UInt
        let body: [UInt8]
        let signature: String?
    }

    /// Uploads until the receiver answers with something other than 429 or 5xx, or the attempts
    /// run out.
    private func deliver(_ bundle: String, size: Int) async throws(SendError) -> (Answer, Int) {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .milliseconds(Int64(min(10, options.timeout) * 1000)),
                                                                   read: .milliseconds(Int64(options.timeout * 1000))))
        if let certificates = options.trustedCertificates {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.file(certificates)]
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let result = await attempt(bundle, size: size, with: client)
        try? await client.shutdown()
        return try result.get()
    }

    private func attempt(_ bundle: String, size: Int, with client: HTTPClient) async -> Result<(Answer, Int), SendError> {
        let url = options.receiver.hasSuffix("/") ? options.receiver + "v1/bundles" : options.receiver + "/v1/bundles"
        var wait = options.backoff
        var lastProblem = "no attempt was made"
        for attempt in 1...options.attempts {
            if attempt > 1 {
                try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                wait *= 2
            }
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/octet-stream")
            request.body = .stream(FileChunks(path: bundle), length: .known(Int64(size)))
            do {
                let response = try await client.execute(request, timeout: .milliseconds(Int64(options.timeout * 1000)))
                let body = try await response.body.collect(upTo: 4 << 20)
                let status = response.status.code
                if status == 429 || status >= 500 {
                    lastProblem = "the receiver answered HTTP \(status)"
                    continue
                }
                return .success((Answer(status: status, body: Array(buffer: body),
                                        signature: response.headers.first(name: SignedReceipt.header)), attempt))
            } catch let error as NIOSSLError {
                // A certificate that is not trusted stays so: trying again cannot help.
                return .failure(SendError(.undelivered, path: url, message: "the TLS handshake with the receiver failed (\(error)); "
                                          + "if it uses its own certificate, give it with --ca-cert"))
            } catch {
                lastProblem = "the receiver could not be reached (\(error))"
            }
        }
        return .failure(SendError(.undelivered, path: url, message: "\(lastProblem), after \(options.attempts) attempts"))
    }

    /// The receipt in `answer`, once its signature is the receiver's and it names this upload
    /// and (for an import) this bundle.
    private func check(_ answer: Answer, bundle: String, digest: String, upload: String) throws(SendError) -> SignedReceipt {
        guard [200, 413, 422].contains(answer.status), let signature = answer.signature else {
            throw SendError(.receipt, path: bundle, message: "the receiver answered HTTP \(answer.status) without a receipt")
        }
        let receipt: SignedReceipt
        do { receipt = try SignedReceipt(json: answer.body, signatureBase64: signature, receiverKey: options.receiverKey) } catch {
            throw SendError(.receipt, path: bundle, message: error.message)
        }
        if let arrived = receipt.receipt.upload, arrived.sha256 != upload {
            throw SendError(.receipt, path: bundle, message: "the receipt names another upload (sha256 \(arrived.sha256))")
        }
        if receipt.receipt.outcome == .imported, receipt.receipt.digest != "sha256:" + digest {
            throw SendError(.receipt, path: bundle, message: "the receipt names another bundle (\(receipt.receipt.digest ?? "no digest"))")
        }
        guard (answer.status == 200) == (receipt.receipt.outcome == .imported) else {
            throw SendError(.receipt, path: bundle, message: "the receiver answered HTTP \(answer.status) with a receipt saying \(receipt.receipt.outcome.rawValue)")
        }
        return receipt
    }
}
