import ArgumentParser
import PortaBundle
import PortaModel
import PortaVerify

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
        let sealed: String
        do {
            let sealer = BundleSealer(recipients: try recipient.map(AgeRecipient.init), register: try registerArguments.open())
            sealed = try sealer.seal(bundle, to: out, at: Timestamp(.now))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        print(sealed)
    }
}
