/// Where a network source is: a URL from the config, or from the environment variable the config
/// names (so that a connection string with a password never sits in the config file).
enum SourceAddress {
    /// The URL text, from `url` or the variable `urlEnvironment` names.
    /// - Throws: ``ConnectorError`` `source-unavailable` naming the variable when it is not set.
    static func resolve(url: String?, urlEnvironment: String?, source: SourceConfig,
                        environment: [String: String]) throws -> String {
        if let url { return url }
        if let name = urlEnvironment, let value = environment[name], !value.isEmpty { return value }
        throw ConnectorError(.unavailable, source: source.id, message: "environment variable \(urlEnvironment ?? "") is not set")
    }
}
