import ArgumentParser
import Foundation
import PortaBundle
import PortaBytes

/// `porta keygen`: a key pair for signing bundles (OpenSSH Ed25519) or for opening sealed
/// ones (age X25519). Private keys are written owner-only, never over an existing file.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make a signing key (OpenSSH Ed25519) or a sealing identity (age X25519).",
        discussion: """
            --sign writes FILE (the private key, as ssh-keygen -t ed25519 does) and FILE.pub, and prints the \
            allowed-signers line a receiver trusts. --seal writes FILE (AGE-SECRET-KEY-1…, as age-keygen does) \
            and FILE.pub, and prints the recipient (age1…) a sender seals to.
            """
    )

    @Flag(name: .long, help: "Make an Ed25519 key for porta sign.")
    var sign = false

    @Flag(name: .long, help: "Make an age X25519 identity for porta open, verify and import.")
    var seal = false

    @Option(name: .shortAndLong, help: "The private key's file; the public key goes to FILE.pub.")
    var out: String

    @Option(name: .long, help: "With --sign: the key's comment, and the principal in the printed allowed-signers line.")
    var comment: String = "porta"

    @Option(name: .long, help: "With --sign: the controller id (porta.yml's controller.id) the key signs for; the printed allowed-signers line names it first among its principals, which binds the key to that controller for the receiver.")
    var controller: String?

    func validate() throws {
        if sign == seal { throw ValidationError("give one of --sign and --seal") }
    }

    func run() throws {
        do {
            if sign {
                let key = SSHSigningKey(comment: comment)
                try PendingFile.write(to: out) { try $0.append(Array(key.openSSHText.utf8)) }
                try PendingFile.write(to: out + ".pub") { try $0.append(Array(key.publicKeyLine.utf8)) }
                let principals = (controller.map { [$0] } ?? []) + [comment]
                print("\(principals.joined(separator: ",")) namespaces=\"\(BundleSignature.namespace)\" \(key.publicKeyLine)", terminator: "")
            } else {
                let identity = AgeIdentity()
                try PendingFile.write(to: out) { try $0.append(Array(identity.fileText(created: Date()).utf8)) }
                try PendingFile.write(to: out + ".pub") { try $0.append(Array("\(identity.recipient)\n".utf8)) }
                print(identity.recipient)
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
    }
}
