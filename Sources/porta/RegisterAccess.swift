import Foundation
import PortaConnectors
import PortaRegister

/// Opens the register a config names, with its secret from the environment.
enum RegisterAccess {
    /// The register, or nil when the config keeps none.
    static func open(_ config: PortaConfig) throws -> RequestRegister? {
        guard let settings = config.register else { return nil }
        return try RequestRegister(settings: settings, environment: ProcessInfo.processInfo.environment)
    }
}
