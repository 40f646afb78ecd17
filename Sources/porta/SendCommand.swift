import ArgumentParser
import Foundation
import PortaBundle
import PortaModel
import PortaSend

/// `porta send`: deliver a signed bundle to a receiver's `porta serve` and keep its receipt.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a signed bundle to a receiver (Art. 20(2)) and keep its signed receipt beside the bundle.",
        discussion: """
            The bundle is verified first at every level and must be signed; a sealed bundle is checked with \
            --identity (seal it to yourself as well as to the receiver). The upload is retried with backoff on 429, \
            5xx and connection errors. The receipt must be signed by --receiver-key and name this bundle; it is \
            written to BUNDLE.receipt.json with its signature in BUNDLE.receipt.json.sig (ssh-keygen -Y verify -n \
            porta-receipt checks it). Exit 0 when the receiver imported it, 1 when it refused it or it is not fit \
            to send, 2 when it could not be delivered.
            """
    )

    @Argument(help: "The bundle: a signed zip, or a sealed one (.zip.age).")
    var bundle: String

    @Option(name: .long, help: "The receiver's base URL, e.g. https://receiver.example:8443.")
    var to: String

    @Option(name: .long, help: "The receiver's public key (.pub) that signs its receipts.")
    var receiverKey: String

    @Option(name: .long, help: "PEM certificate(s) to trust for the receiver's HTTPS, besides the system's.")
    var caCert: String?

    @Option(name: .long, help: "Seconds one attempt may take.")
    var timeout: Double = 300

    @Option(name: .long, help: "Attempts in all, retried on 429, 5xx and connection errors.")
    var attempts: Int = 5

    @OptionGroup var verification: VerificationArguments

    @OptionGroup var registerArguments: RegisterArguments

    func validate() throws {
        guard to.hasPrefix("https://") || to.hasPrefix("http://") else { throw ValidationError("--to is an http(s):// URL") }
        if attempts < 1 { throw ValidationError("--attempts is at least 1") }
    }

    func run() async throws {
        let sender: BundleSender
        do {
            let key = try SSHPublicKey(contentsOf: receiverKey)
            let options = SendOptions(receiver: to, receiverKey: key, verify: try verification.options(level: 5),
                                      trustedCertificates: caCert, timeout: timeout, attempts: attempts)
            sender = BundleSender(options: options, register: try registerArguments.open())
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        let result: SendResult
        do { result = try await sender.send(bundle, at: Timestamp(.now)) } catch {
            printError("\(error)")
            throw error.code == .invalid ? ExitStatus.invalid : ExitStatus.couldNotRun
        }
        guard let signed = result.receipt, let path = result.receiptPath else {
            print(result.report.text)
            printError("\(bundle): the bundle is not valid; nothing was sent")
            throw ExitStatus.invalid
        }
        let receipt = signed.receipt
        switch result.outcome {
        case .accepted:
            print("accepted: \(receipt.bundleId ?? bundle) (\(receipt.digest ?? ""))")
            print("received at: \(receipt.receivedAt)")
            print("records imported: \(receipt.imported), skipped: \(receipt.skipped)")
            for kind in receipt.kinds { print("  \(kind.kind): \(kind.imported) imported, \(kind.skipped) skipped") }
        default:
            print("refused: \(receipt.bundleId ?? bundle)")
            if let refusal = receipt.refusal { print("  \(refusal.message) [\(refusal.code)]") }
            for finding in receipt.findings {
                print("  level \(finding.level): \(finding.path.map { $0 + ": " } ?? "")\(finding.message) [\(finding.code)]")
            }
        }
        print("receipt: \(path)")
        if result.outcome != .accepted { throw ExitStatus.invalid }
    }
}
