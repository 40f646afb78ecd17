import ArgumentParser
import Foundation
import PortaRegister

/// `--register`: the request register that `porta sign`, `seal` and `import` append their
/// entry to (the same file a config's `register:` names for exports).
struct RegisterArguments: ParsableArguments {
    @Option(name: .long, help: "Append an entry to this request register (SQLite; see formats/register.md).")
    var register: String?

    @Option(name: .customLong("register-secret-env"), help: "The environment variable holding the register's secret.")
    var registerSecretEnvironment = "PORTA_REGISTER_SECRET"

    /// The register, or nil when none is named; failing to open it is "could not run".
    func open() throws -> RequestRegister? {
        guard let register else { return nil }
        do {
            return try RequestRegister(path: register, secretVariable: registerSecretEnvironment,
                                       environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("\(register): \(error)")
            throw ExitStatus.couldNotRun
        }
    }
}
