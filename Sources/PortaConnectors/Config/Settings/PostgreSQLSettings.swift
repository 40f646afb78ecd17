import Foundation

/// How a PostgreSQL source is reached. The connection string comes from the config (`url`,
/// which must not hold a password) or from an environment variable (`url-env`); a password from
/// `password-env`. Neither is ever logged.
public struct PostgreSQLSettings: Sendable {
    /// TLS use.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public var url: String?
    public var urlEnvironment: String?
    public var passwordEnvironment: String?
    public var tls: TLSMode = .disable

    init(_ node: ConfigNode) throws {
        let map = try node.mapping(allowed: ["url", "url-env", "password-env", "tls"])
        if let urlNode = map.optional("url") {
            let text = try urlNode.string()
            guard let components = URLComponents(string: text), components.scheme == "postgres" || components.scheme == "postgresql" else {
                throw urlNode.error("must be a postgres:// URL")
            }
            guard components.password == nil else {
                throw urlNode.error("must not hold a password; give it in an environment variable (password-env or url-env)")
            }
            url = text
        }
        urlEnvironment = try map.optional("url-env")?.string()
        passwordEnvironment = try map.optional("password-env")?.string()
        guard (url == nil) != (urlEnvironment == nil) else { throw node.error("give exactly one of url and url-env") }
        tls = try map.optional("tls")?.oneOf(TLSMode.self) ?? .disable
    }
}
