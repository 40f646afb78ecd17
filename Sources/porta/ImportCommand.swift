import ArgumentParser
import Foundation
import PortaImport
import PortaModel
import PortaVerify

/// `porta import`: verify a bundle, then take its records into the receiver's SQLite store.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Verify a bundle (all levels), then import its records into a SQLite store in one transaction.",
        discussion: """
            An invalid bundle is refused with its report and the store is not touched (exit 1). Importing the same \
            bundle again changes nothing. --accept takes only the kinds the receiver's purpose needs; the rest are \
            counted as skipped. The store's schema is in formats/store.md.
            """
    )

    @Argument(help: "The bundle: a folder, a zip, or a sealed zip (.age, with --identity).")
    var bundle: String

    @Option(name: .long, help: "The receiver's SQLite store (made when missing).")
    var store: String

    @Option(name: .long, parsing: .upToNextOption,
            help: "The record kinds to take (person, order, …, or a sender's extension kind); all by default.")
    var accept: [String] = []

    @OptionGroup var verification: VerificationArguments

    @OptionGroup var registerArguments: RegisterArguments

    func validate() throws {
        let unknown = accept.filter { !RecordKind.isKindName($0) }
        if !unknown.isEmpty {
            throw ValidationError("not a kind name: \(unknown.joined(separator: ", ")); porta/1's kinds are "
                                  + RecordKind.all.map(\.name).joined(separator: ", ") + ", and a bundle may declare its own")
        }
    }

    func run() throws {
        let importer = BundleImporter(options: ImportOptions(verify: try verification.options(level: 5),
                                                             acceptedKinds: accept.isEmpty ? nil : Set(accept)),
                                      register: try registerArguments.open())
        let result: ImportResult
        do { result = try importer.importBundle(bundle, into: store, at: Timestamp(.now)) } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        switch result.outcome {
        case .refused:
            print(result.report.text)
            printError("\(bundle): the bundle is not valid; nothing was imported and the store is unchanged")
            throw ExitStatus.invalid
        case .alreadyImported:
            print("already imported: \(result.bundleID ?? bundle) (sha256:\(result.digest ?? "")); the store is unchanged")
        case .imported:
            print("imported: \(result.bundleID ?? bundle)")
            print("digest: sha256:\(result.digest ?? "")")
            if let signer = result.report.levels.first(where: { $0.level == 5 })?.detail { print("signature: \(signer)") }
            print("records: \(result.imported)")
            for kind in result.kinds where kind.imported > 0 { print("  \(kind.kind): \(kind.imported)") }
            print("skipped: \(result.skipped)")
            for kind in result.kinds where kind.skipped > 0 { print("  \(kind.kind): \(kind.skipped) (not accepted)") }
        }
    }
}
