import ArgumentParser
import PortaBundle

/// `porta pack`: a bundle folder as one deterministic zip.
struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Zip a bundle folder deterministically (sorted entries, fixed times, owner-only).",
        discussion: "The same bundle always gives the same zip. porta verify, import and seal take it."
    )

    @Argument(help: "The bundle folder.")
    var bundle: String

    @Option(name: .shortAndLong, help: "The zip to write (default: the folder's name with .zip).")
    var out: String?

    func run() throws {
        let folder = bundle.hasSuffix("/") ? String(bundle.dropLast()) : bundle
        let zip = out ?? folder + ".zip"
        do { try BundleZip.pack(folder, to: zip) } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        print(zip)
    }
}
