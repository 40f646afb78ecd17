import ArgumentParser
import Dispatch
import Foundation
import PortaBundle

/// The `porta` command: answer data-portability and access requests, and check what arrives.
///
/// Exit codes: 0 ok, 1 invalid (a broken bundle, a broken source row, no records for the
/// subject), 2 could not run (usage, config, I/O).
@main
struct Porta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "porta",
        abstract: "Personal-data portability: export one person's data as a verifiable bundle; zip, sign and seal it for another controller; verify and import what arrives.",
        discussion: "Exit codes: 0 ok, 1 invalid, 2 could not run.",
        version: "0.1.0",
        subcommands: [ExportCommand.self, VerifyCommand.self, ImportCommand.self, KeygenCommand.self, PackCommand.self, SignCommand.self,
                      SealCommand.self, OpenCommand.self, ServeCommand.self, SendCommand.self, SourcesCommand.self, InitCommand.self,
                      RegisterCommand.self]
    )

    /// Runs the command, mapping argument errors to exit code 2 (could not run) rather than
    /// ArgumentParser's 64.
    static func main() async {
        let signals = ScratchCleanup.install()
        defer { signals.forEach { $0.cancel() } }
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            ScratchCleanup.waitIfEnding()
            Foundation.exit(exit.rawValue)
        } catch {
            ScratchCleanup.waitIfEnding()
            if exitCode(for: error) == .success { Self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.couldNotRun.rawValue)
        }
    }
}

/// Porta's exit codes.
enum ExitStatus {
    static let valid = ExitCode(0)
    static let invalid = ExitCode(1)
    static let couldNotRun = ExitCode(2)
    /// A bundle was written, but source rows could not be read: the bundle counts them and
    /// tells the person (`on-error: skip`).
    static let writtenWithUnreadableRows = ExitCode(3)
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("porta: " + message + "\n").utf8))
}

/// On SIGINT and SIGTERM, the scratch folders (which may hold a person's unpacked data) are
/// removed before the process ends with 128 + the signal, as a shell expects.
enum ScratchCleanup {
    /// Set once a signal is being handled: the run's own ending (an error caused by the cleanup)
    /// then waits for the handler's exit instead of racing it.
    private static let ending = Flag()

    static func waitIfEnding() {
        while ending.isSet { sleep(1) }
    }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    static func install() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                ending.set()
                ScratchFolder.removeAll()
                Foundation.exit(128 + number)
            }
            source.resume()
            return source
        }
    }
}
