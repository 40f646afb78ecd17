import ArgumentParser
import Foundation
import PortaConnectors
import PortaModel

/// `porta sources`: look at a controller's sources.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Look at the sources a config names.",
        subcommands: [SourcesCheckCommand.self]
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
