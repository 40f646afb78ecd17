import ArgumentParser
import PortaBundle

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
