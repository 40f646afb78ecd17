/// Where the controller keeps its register of requests (`register:` in porta.yml): an SQLite
/// file, and the environment variable holding the secret that keys the subjects' hashes.
public struct RegisterSettings: Sendable, Hashable {
    /// The register file.
    public let path: String
    /// The environment variable holding the controller's secret for the subjects' keyed hashes.
    public let secretEnvironmentVariable: String

    /// Whether `name` can name an environment variable here: upper-case ASCII letters, digits, `_`.
    public static func isVariableName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
    }

    /// Settings for the register at `path`, its secret in `secretEnvironmentVariable`.
    /// - Throws: ``RequestRegister/Problem`` when the variable's name is not one ``isVariableName(_:)`` accepts.
    public init(path: String, secretEnvironmentVariable: String) throws {
        guard Self.isVariableName(secretEnvironmentVariable) else {
            throw RequestRegister.Problem(description: "secret-env must name an environment variable (upper-case letters, digits, _)")
        }
        self.path = path
        self.secretEnvironmentVariable = secretEnvironmentVariable
    }
}

extension RequestRegister {
    /// Opens the register `settings` name, its secret taken from `environment`.
    /// - Throws: ``Problem`` when the secret is unset or too short, or the file cannot be opened.
    public convenience init(settings: RegisterSettings, environment: [String: String]) throws {
        try self.init(path: settings.path, secretVariable: settings.secretEnvironmentVariable, environment: environment)
    }
}
