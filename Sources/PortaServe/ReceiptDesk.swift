import Foundation
import GRDB
import Logging
import NIOPosix
import PortaBundle
import PortaBytes
import PortaImport
import PortaModel
import PortaVerify

/// Judges whole uploads, one at a time, and answers each with a signed receipt: the bundle is
/// opened, verified at every level with a trusted signature required, and imported in one
/// transaction, into Porta's store (``BundleImporter``) or the receiver's own tables
/// (``ReceiverImporter``).
///
/// The receipt of an imported bundle is made from what the destination recorded (when it first
/// took the bundle) and from the bundle itself (its records per kind, and which kinds the
/// receiver takes), so the same bundle sent again — or after a crash between the import and the
/// answer — gets the same receipt. A refusal by verification is kept in the spool by the
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
    /// The one thread that runs imports into Porta's store, which are synchronous.
    let pool: NIOThreadPool
    /// Lets one judgement run at a time.
    let gate = SerialGate()

    private var importOptions: ImportOptions {
        let verify = VerifyOptions(scratchFolder: configuration.spool, trustedSigners: configuration.trustedSigners,
                                   requireSignature: true, identities: configuration.identities)
        return ImportOptions(verify: verify, acceptedKinds: configuration.acceptedKinds)
    }

    private var refusals: String { configuration.spool + "/refused" }
    var receiverKey: String { configuration.receiptKey.fingerprint }

    /// Judges the upload at `upload.path`, received at `time`.
    /// - Throws: ``ImportError`` when the destination cannot be read or written, or the scratch
    ///   folder is full: the server could not judge, and the sender should try again.
    func judge(_ upload: UploadSpool.Upload, at time: Timestamp) async throws -> Answer {
        await gate.enter()
        do {
            let answer = try await judgeAlone(upload, at: time)
            await gate.leave()
            return answer
        } catch {
            await gate.leave()
            throw error
        }
    }

    private func judgeAlone(_ upload: UploadSpool.Upload, at time: Timestamp) async throws -> Answer {
        let arrived = TransferReceipt.Upload(sha256: upload.sha256, bytes: upload.bytes)
        if let kept = keptRefusal(of: arrived) { return Answer(status: 422, receipt: kept) }
        do {
            switch configuration.destination {
            case .store(let store):
                let importer = BundleImporter(options: importOptions, register: configuration.register)
                let result = try await pool.runIfActive { try importer.importBundle(upload.path, into: store, at: time) }
                switch result.outcome {
                case .imported, .alreadyImported:
                    guard let digest = result.digest, let receipt = try storedReceipt(digest: digest, store: store, upload: arrived) else {
                        throw ImportError(.store, path: store, message: "the store does not hold the bundle it imported")
                    }
                    return try accept(receipt, again: result.outcome == .alreadyImported)
                case .refused:
                    return try refuse(result.report, facts: result.facts, upload: arrived, at: time)
                }
            case .receiverTables(let mapping, let open):
                let database = try await open()
                do {
                    let answer = try await intoOwnTables(upload, mapping: mapping, database: database, at: time)
                    await database.close()
                    return answer
                } catch {
                    await database.close()
                    throw error
                }
            }
        } catch let error as ImportError {
            guard let refusal = Self.refusal(for: error) else { throw error }
            logger.info("upload refused", metadata: ["upload": "\(upload.sha256)", "bytes": "\(upload.bytes)", "refusal": "\(refusal.code)"])
            let receipt = TransferReceipt(outcome: .refused, upload: arrived, receiverKey: receiverKey, receivedAt: time.description,
                                          refusal: refusal)
            // A bundle the receiver's tables cannot take now may fit them later: not kept.
            return try sign(receipt, keep: error.code == .unreadable)
        }
    }

    /// The refusal an import error stands for, or nil when the receiver could not judge.
    private static func refusal(for error: ImportError) -> TransferReceipt.Refusal? {
        switch error.code {
        case .unreadable:
            switch (error.cause as? VerifyError)?.code {
            case .notOpened?: return .init(code: "not-opened", message: "the sealed bundle does not open with this receiver's identities")
            case .unreadable?: return .init(code: "not-a-bundle", message: "the body is not a zipped or sealed bundle")
            default: return nil
            }
        case .mapping: return .init(code: "not-mapped", message: "the bundle does not fit the receiver's mapping: \(error.message)")
        case .conflict: return .init(code: "conflict", message: "the receiver's tables refused a record, and nothing was written: \(error.message)")
        default: return nil
        }
    }

    private func intoOwnTables(_ upload: UploadSpool.Upload, mapping: ReceiverMapping, database: any ReceiverDatabase,
                               at time: Timestamp) async throws -> Answer {
        let arrived = TransferReceipt.Upload(sha256: upload.sha256, bytes: upload.bytes)
        let importer = ReceiverImporter(mapping: mapping, options: importOptions, register: configuration.register)
        let result = try await importer.importBundle(upload.path, into: database, at: time)
        switch result.outcome {
        case .imported, .alreadyImported, .dryRun:
            guard let facts = result.facts, let row = try await database.firstRow(
                "SELECT imported_at FROM \"\(mapping.prefix)bundle\" WHERE digest = \(database.placeholder(1))", [.text(facts.digest)]),
                  let receivedAt = row.first ?? nil else {
                throw ImportError(.store, path: "receiver", message: "the receiver's tables do not hold the bundle they took")
            }
            let kinds = facts.recordsByKind.map { kind, records in
                mapping.target(for: kind) == nil
                    ? TransferReceipt.KindCount(kind: kind, imported: 0, skipped: records)
                    : TransferReceipt.KindCount(kind: kind, imported: records, skipped: 0)
            }.sorted { $0.kind < $1.kind }
            let receipt = TransferReceipt(outcome: .imported, upload: arrived, bundleId: facts.bundleID, digest: "sha256:" + facts.digest,
                                          controller: facts.controller, senderKey: result.report.signerKey, receiverKey: receiverKey,
                                          receivedAt: receivedAt, kinds: kinds)
            return try accept(receipt, again: result.outcome == .alreadyImported)
        case .refused:
            return try refuse(result.report, facts: result.facts, upload: arrived, at: time)
        }
    }

    private func accept(_ receipt: TransferReceipt, again: Bool) throws -> Answer {
        logger.info("upload imported", metadata: ["upload": "\(receipt.upload?.sha256 ?? "")", "bundle": "\(receipt.bundleId ?? "")",
                                                  "records": "\(receipt.imported)", "again": "\(again)"])
        return Answer(status: 200, receipt: try SignedReceipt(signing: receipt, with: configuration.receiptKey))
    }

    private func refuse(_ report: VerificationReport, facts: BundleFacts?, upload: TransferReceipt.Upload, at time: Timestamp) throws -> Answer {
        let findings = report.levels.flatMap(\.findings)
        logger.info("upload refused", metadata: ["upload": "\(upload.sha256)", "bundle": "\(facts?.bundleID ?? "")",
                                                 "findings": "\(findings.map(\.code).joined(separator: ","))"])
        return try sign(TransferReceipt(
            outcome: .refused, upload: upload, bundleId: facts?.bundleID, digest: facts.map { "sha256:" + $0.digest },
            controller: facts?.controller, receiverKey: receiverKey, receivedAt: time.description,
            findings: findings.map { TransferReceipt.Finding(level: $0.level, code: $0.code, path: $0.path, message: $0.message) }), keep: true)
    }

    /// The receipt of an imported bundle, from the store's rows.
    private func storedReceipt(digest: String, store: String, upload: TransferReceipt.Upload) throws -> TransferReceipt? {
        var settings = Configuration()
        settings.readonly = true
        settings.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: store, configuration: settings)
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
                                       controller: bundle["controller_id"], senderKey: signedBy.flatMap(VerificationReport.keyFingerprint),
                                       receiverKey: receiverKey, receivedAt: bundle["imported_at"], kinds: kinds)
            }
        } catch {
            throw ImportError(.store, path: store, message: "the store cannot be read for the receipt", cause: error)
        }
    }

    private func refusalPath(_ upload: TransferReceipt.Upload?) -> String {
        refusals + "/" + configuration.trust + "-" + (upload?.sha256 ?? "none")
    }

    private func keptRefusal(of upload: TransferReceipt.Upload) -> SignedReceipt? {
        let path = refusalPath(upload)
        guard let json = FileManager.default.contents(atPath: path + ".json"),
              let signature = try? String(contentsOfFile: path + ".json.sig", encoding: .utf8) else { return nil }
        return try? SignedReceipt(json: [UInt8](json), armoredSignature: signature, receiverKey: configuration.receiptKey.publicKey)
    }

    /// Signs a refusal and, with `keep`, keeps it, so the same bytes get the same answer.
    private func sign(_ receipt: TransferReceipt, keep: Bool) throws -> Answer {
        let signed = try SignedReceipt(signing: receipt, with: configuration.receiptKey)
        guard keep, receipt.upload != nil else { return Answer(status: 422, receipt: signed) }
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

    /// The refusal of a body larger than the limit, of which nothing was kept.
    func tooLarge(bytes: Int, at time: Timestamp) throws -> Answer {
        logger.info("upload refused", metadata: ["bytes": "\(bytes)", "refusal": "too-large"])
        let receipt = TransferReceipt(outcome: .refused, upload: nil, receiverKey: receiverKey, receivedAt: time.description,
                                      refusal: .init(code: "too-large", message: "the body is larger than this receiver's limit of \(configuration.maxBodyBytes) bytes"))
        return Answer(status: 413, receipt: try SignedReceipt(signing: receipt, with: configuration.receiptKey))
    }
}

extension VerificationReport {
    /// The fingerprint of the key that signed the bundle, as level 5 names it: `… (SHA256:…)`.
    var signerKey: String? { levels.first { $0.level == 5 }?.detail.flatMap(Self.keyFingerprint) }

    static func keyFingerprint(_ signer: String) -> String? {
        guard let start = signer.range(of: "(SHA256:", options: .backwards), signer.hasSuffix(")") else { return nil }
        return String(signer[signer.index(after: start.lowerBound)..<signer.index(before: signer.endIndex)])
    }
}
