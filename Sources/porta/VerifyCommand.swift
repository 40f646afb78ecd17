import ArgumentParser
import PortaImport

/// `porta verify`: check bundles, level by level.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify bundles: exit 0 if all are valid, 1 if any is invalid, 2 if one could not be checked."
    )

    @Argument(help: "Bundle folders to verify.")
    var bundles: [String]

    @Option(name: .long, help: "Stop after this level (1 bag, 2 formats, 3 semantics, 4 cross-format).")
    var level: Int = BundleVerifier.levelNames.keys.max()!

    func validate() throws {
        if bundles.isEmpty { throw ValidationError("name at least one bundle") }
        guard BundleVerifier.levelNames[level] != nil else {
            throw ValidationError("--level must be one of \(BundleVerifier.levelNames.keys.sorted().map(String.init).joined(separator: ", "))")
        }
    }

    func run() throws {
        let verifier = BundleVerifier(maxLevel: level)
        var status = ExitStatus.valid
        for bundle in bundles {
            do {
                let report = try verifier.verify(bundle)
                print(report.text)
                if !report.isValid && status == ExitStatus.valid { status = ExitStatus.invalid }
            } catch {
                printError("\(error)")
                status = ExitStatus.couldNotRun
            }
        }
        if status != ExitStatus.valid { throw status }
    }
}
