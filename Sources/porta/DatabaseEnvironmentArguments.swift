import ArgumentParser
import Foundation

/// `--url-env` and `--password-env`: where a PostgreSQL database's `postgres://` URL and its
/// password are, by the names of environment variables, so neither is on the command line.
struct DatabaseEnvironmentArguments: ParsableArguments {
    @Option(name: .long, help: "The environment variable holding the postgres:// URL.")
    var urlEnv: String?

    @Option(name: .long, help: "The environment variable holding the password.")
    var passwordEnv: String?

    /// The URL and password the variables hold.
    /// - Throws: `ExitStatus.couldNotRun`, having said which variable is not set.
    func resolve() throws -> (url: String, password: String?) {
        let environment = ProcessInfo.processInfo.environment
        func value(_ name: String) throws -> String {
            guard let value = environment[name] else {
                printError("environment variable \(name) is not set")
                throw ExitStatus.couldNotRun
            }
            return value
        }
        guard let urlEnv else {
            printError("--url-env is needed for a PostgreSQL database")
            throw ExitStatus.couldNotRun
        }
        return (try value(urlEnv), try passwordEnv.map(value))
    }
}
