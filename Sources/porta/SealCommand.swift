import ArgumentParser
import PortaBundle
import PortaImport
import PortaVerify
import PortaModel
import PortaRegister

/// `porta seal`: encrypt a zipped bundle to its receivers in the age v1 format.
struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal a zipped bundle to age X25519 recipients (age1…): writes BUNDLE.zip.age.",
        discussion: "Only the recipients' identities open it: porta open, verify and import with --identity, or age -d -i."
    )

    @Argument(help: "The zipped bundle (porta pack, or porta export --zip).")
    var bundle: String

    @Option(name: .long, help: "A recipient, age1…. Repeat for several.")
    var recipient: [String] = []

    @Option(name: .shortAndLong, help: "The sealed file to write (default: BUNDLE.age).")
    var out: String?

    @OptionGroup var registerArguments: RegisterArguments

    func validate() throws {
        if recipient.isEmpty { throw ValidationError("name at least one --recipient age1…") }
    }

    func run() throws {
        let sealed = out ?? bundle + ".age"
        let register = try registerArguments.open()
        do {
            guard SafeUnzip.looksLikeZip(bundle) else {
                throw BundleError(.invalidPath, "not a zipped bundle: zip it first with porta pack", path: bundle)
            }
            let facts = try register.map { _ in try BundleFacts.read(bundle) }
            try SealedFile.seal(bundle, to: sealed, recipients: try recipient.map(AgeRecipient.init))
            if let register, let facts {
                try register.record(RegisterEntry(.seal, of: facts, at: Timestamp(.now)), subject: facts.subject)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        print(sealed)
    }
}

/// `porta open`: decrypt a sealed bundle with the receiver's age identity.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a sealed bundle (BUNDLE.zip.age) with an age identity: writes BUNDLE.zip.",
        discussion: """
            Exit 1 when the file is damaged, truncated or changed (nothing is written), 2 when none of the \
            identities opens it. The opened zip is not verified: run porta verify on it, or verify and import \
            the sealed file directly with --identity.
            """
    )

    @Argument(help: "The sealed file.")
    var sealed: String

    @Option(name: .long, help: "An age identity file (AGE-SECRET-KEY-1…, as porta keygen --seal or age-keygen writes it).")
    var identity: String

    @Option(name: .shortAndLong, help: "The file to write (default: the sealed file's name without .age).")
    var out: String?

    func run() throws {
        let opened = out ?? (sealed.hasSuffix(".age") ? String(sealed.dropLast(4)) : sealed + ".opened")
        do {
            try SealedFile.open(sealed, to: opened, identities: try AgeIdentity.read(contentsOf: identity))
        } catch let error as BundleError where error.code == .damaged {
            printError("\(error)")
            throw ExitStatus.invalid
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        print(opened)
    }
}
