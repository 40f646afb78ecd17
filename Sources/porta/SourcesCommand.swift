import ArgumentParser
import Foundation
import PortaConnectors
import PortaModel

/// `porta sources`: look at a controller's sources.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Look at the sources a config names.",
        subcommands: [SourcesCheckCommand.self, SourcesCountCommand.self]
    )
}

/// `porta sources check`: reach every source and check its mapping, one line per source.
struct SourcesCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Reach every source and check its mapping: exit 0 if all are fine, 1 if any is not, 2 if the config cannot be read.",
        discussion: """
            Each mapping is then run, with all its conversions, over the first rows of its table or file \
            (--sample, anyone's rows): per field, how many convert, and the keys of the first rows that do not. \
            A row that would break an export fails the check (in a source with on-error: skip it is a warning).
            """
    )

    @Option(name: .long, help: "Rows per mapping to convert as a check of values (0: none).")
    var sample = 200

    @Option(name: .long, help: "The controller's porta.yml.")
    var config: String

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.makeLogger()
        let loaded: PortaConfig
        do {
            loaded = try PortaConfig.load(from: config)
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        for warning in loaded.policy.warnings { print("warn  \(warning)") }
        var failed = false
        for source in loaded.sources {
            let name = "\(source.id) (\(source.connector))"
            do {
                let connector = try Connectors.make(source, referenceDate: .today(), logger: logger)
                print("ok    \(name): \(try await connector.check())")
                guard sample > 0 else { continue }
                for mapping in try await connector.sample(rowsPerMapping: sample) {
                    let breaks = !mapping.allConvert
                    if breaks && source.onError == .fail { failed = true }
                    print("\(breaks ? (source.onError == .fail ? "FAIL" : "warn") : "ok  ")    \(mapping.summary)")
                }
            } catch {
                failed = true
                print("FAIL  \(name): \(error)")
            }
        }
        if failed { throw ExitStatus.invalid }
    }
}

/// `porta sources count`: how many records each source holds on a person, nothing written.
struct SourcesCountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Find a person in every source and count the records each holds, by kind, writing nothing: exit 0, or 2 if a source cannot be read.",
        discussion: """
            The person is found as an export finds them (strong identifiers join across sources); every record \
            is read and built, but no policy is applied and no bundle is written. One line per source and kind: \
            SOURCE KIND COUNT.
            """
    )

    @Option(name: .long, help: "The controller's porta.yml.")
    var config: String

    @Option(name: .long, help: "An identifier of the person: email:…, phone:…, personnummer:… or customer-number:…. Repeat for several.")
    var subject: [String] = []

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if subject.isEmpty { throw ValidationError("name the person with at least one --subject") }
    }

    func run() async throws {
        let logger = logging.makeLogger()
        do {
            let loaded = try PortaConfig.load(from: config)
            let today = CalendarDate.today()
            let identifiers = try subject.map { try SubjectIdentifier(parsing: $0, referenceDate: today) }
            for count in try await SourceRecordCount.count(loaded, identifiers: identifiers, referenceDate: today, logger: logger) {
                print("\(count.source) \(count.kind) \(count.records)")
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
    }
}
