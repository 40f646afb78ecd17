import Foundation
import GRDB
import Logging
import PortaBundle
import PortaBytes
import PortaImport
import PortaModel
import PortaVerify

/// Judges whole uploads, one at a time, and answers each with a signed receipt: the bundle is
/// opened, verified at every level with a trusted signature required, and imported into the
/// store in one transaction (``BundleImporter``).
///
/// A receipt for an imported bundle is made from the store's own rows (when it was first
/// imported, what per kind), so the same bundle sent again — or after a crash between the
/// import and the answer — gets the same receipt. A refusal is kept in the spool by the
/// upload's digest and the server's trust, so the same bytes get the same refusal until the
/// trusted keys or identities change.
struct ReceiptDesk: Sendable {
    /// What the server answers: an HTTP status and the signed receipt.
    struct Answer: Sendable {
        let status: Int
        let receipt: SignedReceipt
    }

    let configuration: ServerConfiguration
    let logger: Logger

    private var importer: BundleImporter {
        let verify = VerifyOptions(scratchFolder: configuration.spool, trustedSigners: configuration.trustedSigners,
                                   requireSignature: true, identities: configuration.identities)
        return BundleImporter(options: ImportOptions(verify: verify, acceptedKinds: configuration.acceptedKinds),
                              register: configuration.register)
    }

    private var refusals: String { configuration.spool + "/refused" }

    /// Judges the upload at `upload.path`, received at `time`.
    /// - Throws: ``ImportError`` when the store cannot be read or written, or the scratch
    ///   folder is full: the server could not judge, and the sender should try again.
    func judge(_ upload: UploadSpool.Upload, at time: Timestamp) throws -> Answer {
        let arrived = TransferReceipt.Upload(sha256: upload.sha256, bytes: upload.bytes)
        if let kept = keptRefusal(of: arrived) { return Answer(status: 422, receipt: kept) }
        let result: ImportResult
        do { result = try importer.importBundle(upload.path, into: configuration.store, at: time) } catch {
            guard error.code == .unreadable, let cause = error.cause as? VerifyError, cause.code == .unreadable || cause.code == .notOpened else {
                throw error
            }
            let refusal = cause.code == .notOpened
                ? TransferReceipt.Refusal(code: "not-opened", message: "the sealed bundle does not open with this receiver's identities")
                : TransferReceipt.Refusal(code: "not-a-bundle", message: "the body is not a zipped or sealed bundle")
            logger.info("upload refused", metadata: ["upload": "\(upload.sha256)", "bytes": "\(upload.bytes)", "refusal": "\(refusal.code)"])
            return try refuse(TransferReceipt(outcome: .refused, upload: arrived, receiverKey: receiverKey,
                                              receivedAt: time.description, refusal: refusal))
        }
        switch result.outcome {
        case .imported, .alreadyImported:
            guard let digest = result.digest, let receipt = try storedReceipt(digest: digest, upload: arrived) else {
                throw ImportError(.store, path: configuration.store, message: "the store does not hold the bundle it imported")
            }
            logger.info("upload imported", metadata: ["upload": "\(upload.sha256)", "bundle": "\(result.bundleID ?? "")",
                                                      "digest": "\(digest)", "records": "\(receipt.imported)",
                                                      "again": "\(result.outcome == .alreadyImported)"])
            return Answer(status: 200, receipt: try SignedReceipt(signing: receipt, with: configuration.receiptKey))
        case .refused:
            let findings = result.report.levels.flatMap(\.findings)
            logger.info("upload refused", metadata: ["upload": "\(upload.sha256)", "bundle": "\(result.bundleID ?? "")",
                                                     "findings": "\(findings.map(\.code).joined(separator: ","))"])
            return try refuse(TransferReceipt(
                outcome: .refused, upload: arrived, bundleId: result.bundleID, digest: result.digest.map { "sha256:" + $0 },
                receiverKey: receiverKey, receivedAt: time.description,
                findings: findings.map { TransferReceipt.Finding(level: $0.level, code: $0.code, path: $0.path, message: $0.message) }))
        }
    }

    var receiverKey: String { configuration.receiptKey.fingerprint }

    /// The receipt of an imported bundle, from the store's rows.
    private func storedReceipt(digest: String, upload: TransferReceipt.Upload) throws -> TransferReceipt? {
        var settings = Configuration()
        settings.readonly = true
        settings.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: configuration.store, configuration: settings)
            defer { try? queue.close() }
            return try queue.read { db -> TransferReceipt? in
                guard let bundle = try Row.fetchOne(db, sql: """
                    SELECT bundle_id, controller_id, imported_at, signed_by FROM porta_bundle WHERE digest = ?
                    """, arguments: [digest]) else { return nil }
                let kinds = try Row.fetchAll(db, sql: """
                    SELECT kind, imported, skipped FROM porta_bundle_kind WHERE bundle_digest = ? ORDER BY kind
                    """, arguments: [digest]).map { TransferReceipt.KindCount(kind: $0["kind"], imported: $0["imported"], skipped: $0["skipped"]) }
                let signedBy: String? = bundle["signed_by"]
                return TransferReceipt(outcome: .imported, upload: upload, bundleId: bundle["bundle_id"], digest: "sha256:" + digest,
                                       controller: bundle["controller_id"], senderKey: signedBy.flatMap(Self.keyFingerprint),
                                       receiverKey: receiverKey, receivedAt: bundle["imported_at"], kinds: kinds)
            }
        } catch {
            throw ImportError(.store, path: configuration.store, message: "the store cannot be read for the receipt", cause: error)
        }
    }

    /// The key fingerprint in the signer as level 5 names it: `… (SHA256:…)`.
    static func keyFingerprint(_ signer: String) -> String? {
        guard let start = signer.range(of: "(SHA256:", options: .backwards), signer.hasSuffix(")") else { return nil }
        return String(signer[signer.index(after: start.lowerBound)..<signer.index(before: signer.endIndex)])
    }

    private func refusalPath(_ upload: TransferReceipt.Upload?) -> String {
        refusals + "/" + configuration.trust + "-" + (upload?.sha256 ?? "none")
    }

    private func keptRefusal(of upload: TransferReceipt.Upload) -> SignedReceipt? {
        let path = refusalPath(upload)
        guard let json = FileManager.default.contents(atPath: path + ".json"),
              let signature = try? String(contentsOfFile: path + ".json.sig", encoding: .utf8) else { return nil }
        return try? SignedReceipt(json: [UInt8](json), armoredSignature: signature,
                                  receiverKey: configuration.receiptKey.publicKey)
    }

    /// Signs a refusal and keeps it, so the same bytes get the same answer.
    private func refuse(_ receipt: TransferReceipt) throws -> Answer {
        let signed = try SignedReceipt(signing: receipt, with: configuration.receiptKey)
        guard receipt.upload != nil else { return Answer(status: 422, receipt: signed) }
        let path = refusalPath(receipt.upload)
        do {
            try FileManager.default.createDirectory(atPath: refusals, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try WholeFile.write(Array(signed.signature.armored.utf8), to: path + ".json.sig")
            try WholeFile.write(signed.json, to: path + ".json")
        } catch {
            logger.warning("a refusal could not be kept; it will be judged again if sent again", metadata: ["upload": "\(receipt.upload?.sha256 ?? "")"])
        }
        return Answer(status: 422, receipt: signed)
    }
}

extension ReceiptDesk {
    /// The refusal of a body larger than the limit, of which nothing was kept.
    func tooLarge(bytes: Int, at time: Timestamp) throws -> Answer {
        logger.info("upload refused", metadata: ["bytes": "\(bytes)", "refusal": "too-large"])
        let receipt = TransferReceipt(outcome: .refused, upload: nil, receiverKey: receiverKey, receivedAt: time.description,
                                      refusal: .init(code: "too-large", message: "the body is larger than this receiver's limit of \(configuration.maxBodyBytes) bytes"))
        return Answer(status: 413, receipt: try SignedReceipt(signing: receipt, with: configuration.receiptKey))
    }
}
