import ArgumentParser
import PortaBundle
import PortaVerify

/// The options `porta verify` and `porta import` share: which signers are trusted, which
/// identities open sealed bundles, where scratch files go.
struct VerificationArguments: ParsableArguments {
    @Option(name: .long, help: "OpenSSH allowed-signers file of the keys trusted to sign bundles (level 5).")
    var trustedKeys: String?

    @Flag(name: .long, help: "Fail a bundle that is not signed by one of the --trusted-keys.")
    var requireSignature = false

    @Option(name: .long, help: "An age identity file that opens sealed bundles (.age). Repeat for several.")
    var identity: [String] = []

    @Option(name: .long, help: "Folder for scratch files (unzipped bundles, the id index); the system's temporary folder by default.")
    var scratch: String?

    func validate() throws {
        if requireSignature && trustedKeys == nil { throw ValidationError("--require-signature needs --trusted-keys FILE") }
    }

    /// The verifier's options up to `level`; reading a key file that fails is "could not run".
    func options(level: Int) throws -> VerifyOptions {
        do {
            let signers = try trustedKeys.map { try AllowedSigners(contentsOf: $0) }
            let identities = try identity.flatMap { try AgeIdentity.read(contentsOf: $0) }
            return VerifyOptions(maxLevel: level, scratchFolder: scratch, trustedSigners: signers,
                                 requireSignature: requireSignature, identities: identities)
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
    }
}
