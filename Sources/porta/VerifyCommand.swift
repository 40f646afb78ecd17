import ArgumentParser
import Foundation
import PortaVerify

/// `porta verify`: check bundles, level by level, and report for people or machines.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify bundles: exit 0 if all are valid, 1 if any is invalid, 2 if one could not be checked.",
        discussion: """
            Levels: 1 bag (BagIt 1.0, checksums), 2 formats (JSON, CSV, XML against porta/1's own schemas), \
            3 semantics (counts, ids, references, policy), 4 cross-format (JSON, CSV and XML agree), \
            5 authenticity (the SSH signature porta-signature.sig, when present or required). \
            A bundle is a bag folder, a zip of one, or a sealed zip (.age, with --identity); a folder of bundles stands for each bundle in it. \
            With --bagit, each argument is any BagIt bag folder, judged by RFC 8493 alone (0.97 or 1.0, any of its algorithms, \
            fetch.txt), none of porta/1's rules: what other BagIt tools' users may check their bags with.
            """
    )

    /// How the report is printed.
    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Bundle folders, zips, or folders of bundles.")
    var bundles: [String]

    @Option(name: .long, help: "Stop after this level (1 bag, 2 formats, 3 semantics, 4 cross-format, 5 authenticity).")
    var level: Int = VerificationPipeline.levelNames.keys.max()!

    @Option(name: .long, help: "Report format on standard output: text or json (formats/reports/verify-report.schema.json).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write a JUnit XML report to this file (one test case per level per bundle).")
    var junit: String?

    @Flag(name: .long, help: "Judge each bag folder by RFC 8493 alone, not as a porta/1 bundle.")
    var bagit = false

    @OptionGroup var verification: VerificationArguments

    func validate() throws {
        if bundles.isEmpty { throw ValidationError("name at least one bundle") }
        guard VerificationPipeline.levelNames[level] != nil else {
            throw ValidationError("--level must be one of \(VerificationPipeline.levelNames.keys.sorted().map(String.init).joined(separator: ", "))")
        }
    }

    func run() throws {
        if bagit { return try runBagIt() }
        let verifier = BundleVerifier(options: try verification.options(level: level))
        var outcomes: [VerificationOutcome] = []
        for bundle in BundleDiscovery.bundles(bundles) {
            do {
                let report = try verifier.verify(bundle)
                outcomes.append(.verified(report))
                if format == .text { print(report.text) }
            } catch {
                outcomes.append(.couldNotRun(error))
                printError("\(error)")
            }
        }
        if format == .json {
            FileHandle.standardOutput.write(Data(JSONVerificationReport.document(outcomes).serialized()))
        }
        if let junit {
            do { try JUnitVerificationReport.write(outcomes, to: junit) } catch {
                printError("\(error)")
                throw ExitStatus.couldNotRun
            }
        }
        let status = VerificationOutcome.exitStatus(outcomes)
        if status != 0 { throw ExitCode(status) }
    }

    /// `--bagit`: each folder by RFC 8493 alone; exit 1 if any is invalid, 2 if one is not a folder.
    private func runBagIt() throws {
        var invalid = false
        for bag in bundles {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: bag, isDirectory: &isFolder), isFolder.boolValue else {
                printError("\(bag): not a bag folder")
                throw ExitStatus.couldNotRun
            }
            let verdict = BagItValidator().validate(bag)
            print(verdict.text(bag: bag))
            if !verdict.isValid { invalid = true }
        }
        if invalid { throw ExitStatus.invalid }
    }
}
