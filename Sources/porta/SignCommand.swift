import ArgumentParser
import Foundation
import PortaBundle
import PortaImport
import PortaModel
import PortaRegister

/// `porta sign`: verify a bundle, then sign it with an OpenSSH Ed25519 key.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a bundle (folder or zip): porta-signature.sig, an SSHSIG over tagmanifest-sha256.txt.",
        discussion: """
            The bundle is verified first (levels 1-4); an invalid bundle is not signed (exit 1). \
            The receiver checks the signature with porta verify --trusted-keys, or with \
            ssh-keygen -Y verify -n porta-bundle. Keys: porta keygen --sign, or ssh-keygen -t ed25519.
            """
    )

    @Argument(help: "The bundle folder or zip.")
    var bundle: String

    @Option(name: .long, help: "The OpenSSH Ed25519 private key file (unencrypted).")
    var key: String

    @OptionGroup var registerArguments: RegisterArguments

    func run() throws {
        let register = try registerArguments.open()
        let signingKey: SSHSigningKey
        let report: VerificationReport
        do {
            signingKey = try SSHSigningKey(contentsOf: key)
            report = try BundleVerifier(maxLevel: 4).verify(bundle)
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        guard report.isValid else {
            print(report.text)
            printError("\(bundle): the bundle is not valid, so it was not signed")
            throw ExitStatus.invalid
        }
        do {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: bundle, isDirectory: &isFolder)
            let signature = isFolder.boolValue
                ? try BundleSignature.sign(bagAt: bundle, with: signingKey)
                : try BundleSignature.sign(zipAt: bundle, with: signingKey)
            print("signed: \(bundle)")
            print("key: \(signature.fingerprint)")
            if let register {
                let facts = try BundleFacts.read(bundle)
                try register.record(RegisterEntry(.sign, of: facts, at: Timestamp(.now)), subject: facts.subject)
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
    }
}
