import ArgumentParser
import Foundation
import PortaBundle
import PortaConnectors
import PortaExport
import PortaModel
import PortaRegister

/// `porta export`: answer one request with a bundle.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export one person's data from every source in the config as a BagIt bundle, or everyone's, one bundle each.",
        discussion: """
            With --all-subjects, every subject in the config's subject-index source whose shard is K of N \
            (--shard K/N, or --shard-count N with K from JOB_COMPLETION_INDEX as a Kubernetes Indexed Job sets it) \
            gets a bundle porta-<request id>-<32 hex>; a rerun keeps bundles already written, and \
            porta-<request id>-shard-K-of-N.jsonl lists every subject's outcome.
            """
    )

    @Option(name: .long, help: "The controller's porta.yml.")
    var config: String

    @Option(name: .long, help: "An identifier of the person: email:…, phone:…, personnummer:… or customer-number:…. Repeat for several.")
    var subject: [String] = []

    @Flag(name: .customLong("all-subjects"), help: "Export every subject of the config's subject-index source, one bundle each.")
    var allSubjects = false

    @Option(name: .long, help: "With --all-subjects: the shard K/N to export (K from 0).")
    var shard: String?

    @Option(name: .customLong("shard-count"), help: "With --all-subjects: N shards, this one being JOB_COMPLETION_INDEX.")
    var shardCount: Int?

    @Option(name: .long, help: "portability (GDPR Art. 20) or access (Art. 15).")
    var purpose: Purpose = .portability

    @Option(name: .long, help: "The folder the bundle folder porta-<request id> is written into.")
    var out: String

    @Option(name: .customLong("created-at"), help: "The bundle's creation time, RFC 3339 (default: now). Same inputs and time give the same bundle.")
    var createdAt: String?

    @Option(name: .customLong("request-id"), help: "The request's id (default: a new one; with --all-subjects, the start of each bundle's, default 'all'). Letters, digits, '.', '_', '-'.")
    var requestID: String?

    @Option(name: .long, help: "The bundle's language, BCP 47 (default: the controller's).")
    var language: String?

    @Option(name: .long, help: "When the controller received the request, YYYY-MM-DD: the register's one-month clock (GDPR Art. 12(3)) starts then.")
    var received: String?

    @Flag(name: .long, help: "Write the bundle as one deterministic zip, porta-<request id>.zip, instead of a folder.")
    var zip = false

    @Flag(name: .customLong("empty-bundle"), help: "When no source knows the person, write a bundle saying so instead of exiting 1.")
    var emptyBundle = false

    @Option(name: .customLong("exclude-source-key"), help: "After an identity conflict: leave out the subject row SOURCE:KEY (another person's). Repeat for several.")
    var excludeSourceKey: [String] = []

    @Flag(name: .customLong("accept-identity-conflict"), help: "After an identity conflict: accept that the disagreeing records are one person. Recorded in the manifest and the register.")
    var acceptIdentityConflict = false

    @Flag(name: .shortAndLong, help: "No progress lines on standard error (they appear only on a terminal anyway).")
    var quiet = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if allSubjects {
            if !subject.isEmpty { throw ValidationError("--all-subjects exports everyone: leave out --subject") }
            if shard != nil && shardCount != nil { throw ValidationError("give --shard or --shard-count, not both") }
        } else {
            if subject.isEmpty { throw ValidationError("name the person with at least one --subject, or use --all-subjects") }
            if shard != nil || shardCount != nil { throw ValidationError("--shard and --shard-count go with --all-subjects") }
        }
        if allSubjects && zip {
            throw ValidationError("--zip writes one bundle's zip; with --all-subjects, zip each bundle with porta pack")
        }
    }

    func run() async throws {
        if allSubjects { return try await runBulk() }
        let logger = logging.makeLogger()
        let request: ExportRequest
        let config: PortaConfig
        let register: RequestRegister?
        do {
            config = try PortaConfig.load(from: self.config)
            let time = try createdAt.map(Timestamp.init(parsing:)) ?? Timestamp(.now)
            var single = try ExportRequest(
                subject: try subject.map { try SubjectIdentifier(parsing: $0, referenceDate: time.date) },
                purpose: purpose,
                requestID: requestID,
                createdAt: time,
                language: try language.map { try LanguageTag($0).tag })
            single.writesEmptyBundle = emptyBundle
            single.writesZip = zip
            single.receivedOn = try received.map(CalendarDate.init(parsing:))
            single.excludedSourceKeys = Set(try excludeSourceKey.map(SourceKey.init(parsing:)))
            single.acceptsIdentityConflicts = acceptIdentityConflict
            request = single
            register = try RegisterAccess.open(config)
            if purpose == .portability { config.policy.warnings.forEach { printError("warning: \($0)") } }
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        let result: ExportResult
        do {
            let progress = ProgressLine(enabled: !quiet && ProgressLine.standardErrorIsTerminal)
            result = try await Exporter(config: config, logger: logger, progress: progress.show, register: register)
                .export(request, into: out)
        } catch let error as ExportError where error.code == .noRecords {
            printError(error.message)
            throw ExitStatus.invalid
        } catch let error as ExportError where error.code == .identityConflict {
            printError("\(error)")
            throw ExitStatus.invalid
        } catch let error as ExportError where error.code == .invalidBundle {
            printError("\(error)")
            throw ExitStatus.invalid
        } catch let error as ConnectorError where error.code == .invalidRow {
            printError("\(error)")
            throw ExitStatus.invalid
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        print(ExportSummary(result).text)
        if result.hasUnreadableRows {
            printError("\(result.skippedRows.count) source row(s) could not be read; the bundle counts them and tells the person")
            throw ExitStatus.writtenWithUnreadableRows
        }
    }
}

extension ExportCommand {
    /// `--all-subjects`: one shard of everyone.
    func runBulk() async throws {
        let logger = logging.makeLogger()
        let config: PortaConfig
        let request: BulkExporter.Request
        let register: RequestRegister?
        do {
            config = try PortaConfig.load(from: self.config)
            register = try RegisterAccess.open(config)
            request = BulkExporter.Request(shard: try chosenShard(), purpose: purpose, requestPrefix: requestID ?? "all",
                                           createdAt: try createdAt.map(Timestamp.init(parsing:)) ?? Timestamp(.now),
                                           language: try language.map { try LanguageTag($0).tag })
            if purpose == .portability { config.policy.warnings.forEach { printError("warning: \($0)") } }
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        let summary: BulkExporter.Summary
        do {
            summary = try await BulkExporter(config: config, logger: logger, register: register).export(request, into: out) { outcome in
                if !quiet && [.failed, .identityConflict].contains(outcome.result) {
                    printError("\(outcome.subject): \(outcome.error ?? "failed")")
                }
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        let counts = Dictionary(grouping: summary.outcomes, by: \.result).mapValues(\.count)
        print("shard: \(request.shard)")
        print("subjects: \(summary.outcomes.count)")
        for result in [BulkOutcome.Result.written, .existing, .noRecords, .identityConflict, .failed] {
            print("  \(result.rawValue): \(counts[result] ?? 0)")
        }
        print("summary: \(summary.path)")
        if !summary.succeeded { throw ExitStatus.invalid }
        if summary.hasUnreadableRows { throw ExitStatus.writtenWithUnreadableRows }
    }

    /// `--shard K/N`, or `--shard-count N` with K from `JOB_COMPLETION_INDEX`, or everyone.
    private func chosenShard() throws -> Shard {
        if let shard { return try Shard(parsing: shard) }
        guard let shardCount else { return .all }
        guard let text = ProcessInfo.processInfo.environment["JOB_COMPLETION_INDEX"], let index = Int(text) else {
            throw ValidationError("--shard-count needs JOB_COMPLETION_INDEX in the environment (a Kubernetes Indexed Job sets it)")
        }
        return try Shard(index: index, count: shardCount)
    }
}

extension Purpose: ExpressibleByArgument {}

/// What `porta export` prints: where the bundle is, and what it holds and leaves out.
struct ExportSummary {
    let result: ExportResult

    init(_ result: ExportResult) { self.result = result }

    var text: String {
        var lines = [
            "bundle: \(result.bundlePath)",
            "id: \(result.bundleID)",
            "digest: sha256:\(result.digest)",
            "records: \(result.totalRecords)",
        ]
        lines += result.recordsByKind.map { "  \($0.kind.name): \($0.records)" }
        lines.append("sources:")
        lines += result.sources.map { "  \($0.id) (\($0.connector)): \($0.records) kept, \($0.excluded) left out" }
        lines.append("excluded: \(result.exclusions.reduce(0) { $0 + $1.records })")
        lines += result.exclusions.map { "  \($0.source) \($0.kind.name): \($0.records) (\($0.reason.code))" }
        if !result.skippedRows.isEmpty {
            lines.append("skipped rows: \(result.skippedRows.count)")
            lines += result.skippedRows.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
