import Foundation

/// Where the controller keeps its register of requests (`register:` in porta.yml): an SQLite
/// file, and the environment variable holding the secret that keys the subjects' hashes.
public struct RegisterSettings: Sendable, Hashable {
    /// The register file; a relative path is taken from the config's folder.
    public let path: String
    /// The environment variable holding the controller's secret for the subjects' keyed hashes.
    public let secretEnvironmentVariable: String

    init(_ node: ConfigNode, baseDirectory: String) throws {
        let map = try node.mapping(allowed: ["path", "secret-env"])
        let path = try map.required("path").string()
        self.path = path.hasPrefix("/") ? path : baseDirectory + "/" + path
        let secretNode = try map.required("secret-env")
        secretEnvironmentVariable = try secretNode.string()
        guard !secretEnvironmentVariable.isEmpty,
              secretEnvironmentVariable.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }) else {
            throw secretNode.error("must name an environment variable (upper-case letters, digits, _)")
        }
    }
}
