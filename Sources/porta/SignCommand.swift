import ArgumentParser
import PortaBundle
import PortaModel
import PortaVerify

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
        let signer = BundleSigner(key: try loadKey(), register: try registerArguments.open())
        let outcome: BundleSigner.Outcome
        do { outcome = try signer.sign(bundle, at: Timestamp(.now)) } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        switch outcome {
        case .refused(let report):
            print(report.text)
            printError("\(bundle): the bundle is not valid, so it was not signed")
            throw ExitStatus.invalid
        case .signed(let signature, _):
            print("signed: \(bundle)")
            print("key: \(signature.fingerprint)")
        }
    }

    private func loadKey() throws -> SSHSigningKey {
        do { return try SSHSigningKey(contentsOf: key) } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
    }
}
