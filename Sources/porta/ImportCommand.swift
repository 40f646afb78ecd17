import ArgumentParser
import Foundation
import PortaImport
import PortaModel
import PortaVerify

/// `porta import`: verify a bundle, then take its records into the receiver's SQLite store, or
/// into the receiver's own tables through a receiver mapping.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Verify a bundle (all levels), then import its records in one transaction: into a SQLite store, or into your own tables.",
        discussion: """
            An invalid bundle is refused with its report and nothing is touched (exit 1). Importing the same \
            bundle again changes nothing. With --store the records go into Porta's store (formats/store.md); \
            --accept takes only the kinds the receiver's purpose needs, the rest are counted as skipped. With \
            --mapping receiver.yml and --target sqlite:PATH or --target postgresql (--url-env, --password-env) \
            they go into your own tables (docs/receiver-yml.md); a record your database refuses rolls the whole \
            bundle back (exit 1), a mapping that does not fit your schema writes nothing (exit 2).
            """
    )

    @Argument(help: "The bundle: a folder, a zip, or a sealed zip (.age, with --identity).")
    var bundle: String

    @OptionGroup var destination: ReceiverDestinationArguments

    @Flag(name: .long, help: "With --mapping: count what would be inserted, updated and left alone, and write nothing.")
    var dryRun = false

    @Option(name: .long, parsing: .upToNextOption,
            help: "The record kinds to take (person, order, …, or a sender's extension kind); all by default.")
    var accept: [String] = []

    @OptionGroup var verification: VerificationArguments

    @OptionGroup var registerArguments: RegisterArguments

    func validate() throws {
        if dryRun && !destination.intoOwnTables { throw ValidationError("--dry-run goes with --mapping") }
        if destination.intoOwnTables && !accept.isEmpty { throw ValidationError("with --mapping, the mapping says which kinds are taken") }
        let unknown = accept.filter { !RecordKind.isKindName($0) }
        if !unknown.isEmpty {
            throw ValidationError("not a kind name: \(unknown.joined(separator: ", ")); porta/1's kinds are "
                                  + RecordKind.all.map(\.name).joined(separator: ", ") + ", and a bundle may declare its own")
        }
    }

    func run() async throws {
        if let mapping = destination.mapping { return try await importIntoOwnTables(mapping: mapping) }
        guard let store = destination.store else { return }
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

    /// `--mapping`: into the receiver's own tables.
    private func importIntoOwnTables(mapping path: String) async throws {
        let mapping: ReceiverMapping
        do { mapping = try ReceiverMapping.load(from: path) } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        let importer = ReceiverImporter(mapping: mapping, options: ImportOptions(verify: try verification.options(level: 5)),
                                        dryRun: dryRun, register: try registerArguments.open())
        let result: ReceiverImportResult
        do {
            let receiver = try await openTarget()
            do {
                result = try await importer.importBundle(bundle, into: receiver, at: Timestamp(.now))
                await receiver.close()
            } catch {
                await receiver.close()
                throw error
            }
        } catch let error as ImportError {
            printError("\(error)")
            throw error.code == .conflict ? ExitStatus.invalid : ExitStatus.couldNotRun
        }
        switch result.outcome {
        case .refused:
            print(result.report.text)
            printError("\(bundle): the bundle is not valid; nothing was imported and your tables are unchanged")
            throw ExitStatus.invalid
        case .alreadyImported:
            print("already imported: \(result.facts?.bundleID ?? bundle) (sha256:\(result.facts?.digest ?? "")); nothing changed")
        case .imported, .dryRun:
            print(result.outcome == .dryRun ? "dry run, nothing written: \(result.facts?.bundleID ?? bundle)" : "imported: \(result.facts?.bundleID ?? bundle)")
            print("digest: sha256:\(result.facts?.digest ?? "")")
            if let signer = result.report.levels.first(where: { $0.level == 5 })?.detail { print("signature: \(signer)") }
            for table in result.tables {
                print("  \(table.table): \(table.inserted) inserted, \(table.updated) updated, \(table.unchanged) unchanged")
            }
            let skipped = result.skipped.values.reduce(0, +)
            print("skipped: \(skipped)")
            for (kind, count) in result.skipped.sorted(by: { $0.key < $1.key }) { print("  \(kind): \(count) (not in the mapping)") }
        }
    }

    private func openTarget() async throws -> any ReceiverDatabase {
        try await destination.opener()()
    }
}
