import Foundation

/// How a database server (PostgreSQL, MySQL or MariaDB) is reached. The connection string comes
/// from the config (`url`, which must not hold a password) or from an environment variable
/// (`url-env`); a password from `password-env`. Neither is ever logged.
///
/// ```yaml
/// postgresql: { url-env: PORTA_CRM_URL, password-env: PORTA_CRM_PASSWORD, tls: prefer }
/// mysql: { url-env: PORTA_STOREFRONT_URL, password-env: PORTA_STOREFRONT_PASSWORD }
/// ```
public struct DatabaseServerSettings: Sendable {
    /// TLS use.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public var url: String?
    public var urlEnvironment: String?
    public var passwordEnvironment: String?
    public var tls: TLSMode = .disable

    /// - Parameter schemes: the URL schemes of the server's kind (`postgres`, `postgresql`).
    init(_ node: ConfigNode, schemes: [String]) throws {
        let map = try node.mapping(allowed: ["url", "url-env", "password-env", "tls"])
        if let urlNode = map.optional("url") {
            let text = try urlNode.string()
            guard let components = URLComponents(string: text), let scheme = components.scheme, schemes.contains(scheme) else {
                throw urlNode.error("must be a \(schemes[0]):// URL")
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

    /// The URL (from the config or its environment variable) and the password (from
    /// `password-env`, else nil: the URL's own, if any).
    /// - Throws: ``ConnectorError`` `source-unavailable` when a named variable is not set.
    func connection(source: SourceConfig, environment: [String: String]) throws -> (url: String, password: String?) {
        let text = try SourceAddress.resolve(url: url, urlEnvironment: urlEnvironment, source: source, environment: environment)
        guard let name = passwordEnvironment else { return (text, nil) }
        guard let value = environment[name] else {
            throw ConnectorError(.unavailable, source: source.id, message: "environment variable \(name) is not set")
        }
        return (text, value)
    }
}
