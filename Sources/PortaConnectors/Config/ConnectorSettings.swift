import Foundation
import PortaBytes
import PortaModel

/// The settings of a connector kind, under a key named after it in the source's config.
///
/// ```yaml
/// csv: { delimiter: ";", encoding: windows-1252, strict-quotes: false }
/// json: { records: /data/items }
/// http: { url: "http://127.0.0.1:8765/api/tickets", token-env: CS_API_TOKEN, … }
/// postgresql: { url-env: PORTA_CRM_URL, tls: prefer }
/// ```
public enum ConnectorSettings: Sendable {
    case none
    case csv(CSVSettings)
    case json(JSONSettings)
    case http(HTTPSettings)
    case postgresql(PostgreSQLSettings)

    static let keys = ["csv", "json", "http", "postgresql"]

    init(kind: SourceConfig.Kind, map: ConfigMapping, node: ConfigNode) throws {
        let own: String? = switch kind {
        case .csv: "csv"
        case .json: "json"
        case .http: "http"
        case .postgresql: "postgresql"
        default: nil
        }
        for key in Self.keys where key != own {
            if let extra = map.optional(key) { throw extra.error("is not a setting of a \(kind.rawValue) source") }
        }
        switch kind {
        case .csv: self = .csv(try CSVSettings(map.optional("csv")))
        case .json: self = .json(try JSONSettings(map.optional("json")))
        case .http: self = .http(try HTTPSettings(try map.required("http")))
        case .postgresql: self = .postgresql(try PostgreSQLSettings(try map.required("postgresql")))
        default: self = .none
        }
    }
}

/// How a CSV file is written: its delimiter, encoding and quoting.
public struct CSVSettings: Sendable {
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public var encoding: TextEncoding = .utf8
    /// Whether a quote inside an unquoted cell is an error (RFC 4180) or kept.
    public var strictQuotes = true

    init(_ node: ConfigNode?) throws {
        guard let node else { return }
        let map = try node.mapping(allowed: ["delimiter", "encoding", "strict-quotes"])
        if let delimiterNode = map.optional("delimiter") {
            let text = try delimiterNode.string()
            let allowed: [String: UInt8] = [",": 0x2C, ";": 0x3B, "\\t": 0x09, "\t": 0x09, "|": 0x7C]
            guard let byte = allowed[text] else { throw delimiterNode.error("must be one of , ; | \\t") }
            delimiter = byte
        }
        encoding = try map.optional("encoding")?.oneOf(TextEncoding.self) ?? .utf8
        strictQuotes = try map.optional("strict-quotes")?.bool() ?? true
    }
}

/// Where a JSON file's records are: the array a JSON Pointer (RFC 6901) names.
public struct JSONSettings: Sendable {
    /// The pointer's reference tokens; empty for the whole document.
    public var records: [String] = []

    init(_ node: ConfigNode?) throws {
        guard let node else { return }
        let map = try node.mapping(allowed: ["records"])
        if let pointerNode = map.optional("records") {
            records = try JSONPointer.tokens(try pointerNode.string(), node: pointerNode)
        }
    }
}

/// RFC 6901 JSON Pointers.
enum JSONPointer {
    static func tokens(_ pointer: String, node: ConfigNode) throws -> [String] {
        guard !pointer.isEmpty else { return [] }
        guard pointer.hasPrefix("/") else { throw node.error("must be a JSON Pointer such as /data/items") }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }
}

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

/// How an HTTP JSON API is read: the URL, how the subject is asked for, paging, the bearer
/// token's environment variable, timeouts and retries.
public struct HTTPSettings: Sendable {
    /// How pages follow each other.
    public enum Paging: Sendable {
        /// `?page=1,2,…` until a page has fewer items than `size`.
        case page(parameter: String, sizeParameter: String, size: Int)
        /// `?offset=0,size,…` until a page has fewer items than `size`.
        case offset(parameter: String, sizeParameter: String, size: Int)
        /// `?cursor=<value at the pointer>` until the value is absent or null; the page size is
        /// sent when a size parameter is named.
        case cursor(parameter: String, next: [String], sizeParameter: String?, size: Int)
        /// One request.
        case none
    }

    public var url: String?
    public var urlEnvironment: String?
    public var tokenEnvironment: String?
    /// Query parameters that ask for the subject: per scheme, the parameter's name.
    public var subjectParameters: [(scheme: SubjectIdentifier.Scheme, parameter: String)] = []
    /// Where a response's items are.
    public var items: [String] = []
    public var paging: Paging = .none
    public var timeoutSeconds: Double = 10
    public var retries = 3
    /// The first wait before a retry; it doubles each time.
    public var backoffSeconds: Double = 0.2

    init(_ node: ConfigNode) throws {
        let map = try node.mapping(allowed: ["url", "url-env", "token-env", "subject-parameters", "items", "paging",
                                             "timeout-seconds", "retries", "backoff-seconds"])
        if let urlNode = map.optional("url") {
            let text = try urlNode.string()
            guard let components = URLComponents(string: text), components.scheme == "http" || components.scheme == "https",
                  components.host != nil else { throw urlNode.error("must be an http(s) URL") }
            guard components.password == nil, components.user == nil else { throw urlNode.error("must not hold credentials; use token-env") }
            url = text
        }
        urlEnvironment = try map.optional("url-env")?.string()
        guard (url == nil) != (urlEnvironment == nil) else { throw node.error("give exactly one of url and url-env") }
        tokenEnvironment = try map.optional("token-env")?.string()
        let parametersNode = try map.required("subject-parameters")
        for (name, parameter) in try parametersNode.freeMapping() {
            guard let scheme = SubjectIdentifier.Scheme(rawValue: name) else {
                throw parameter.error("is not a strong identifier (one of \(SubjectIdentifier.Scheme.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            subjectParameters.append((scheme, try parameter.string()))
        }
        guard !subjectParameters.isEmpty else { throw parametersNode.error("must name at least one parameter") }
        if let itemsNode = map.optional("items") { items = try JSONPointer.tokens(try itemsNode.string(), node: itemsNode) }
        if let pagingNode = map.optional("paging") {
            let paging = try pagingNode.mapping(allowed: ["style", "parameter", "size-parameter", "size", "next"])
            let styleNode = try paging.required("style")
            let size = Int(try paging.optional("size")?.string() ?? "100") ?? 0
            guard (1...10_000).contains(size) else { throw pagingNode.error("size must be 1 to 10000") }
            switch try styleNode.string() {
            case "page":
                self.paging = .page(parameter: try paging.optional("parameter")?.string() ?? "page",
                                    sizeParameter: try paging.optional("size-parameter")?.string() ?? "per_page", size: size)
            case "offset":
                self.paging = .offset(parameter: try paging.optional("parameter")?.string() ?? "offset",
                                      sizeParameter: try paging.optional("size-parameter")?.string() ?? "limit", size: size)
            case "cursor":
                let nextNode = try paging.required("next")
                self.paging = .cursor(parameter: try paging.optional("parameter")?.string() ?? "cursor",
                                      next: try JSONPointer.tokens(try nextNode.string(), node: nextNode),
                                      sizeParameter: try paging.optional("size-parameter")?.string(), size: size)
            default:
                throw styleNode.error("must be page, offset or cursor")
            }
        }
        if let timeout = map.optional("timeout-seconds") {
            guard let value = Double(try timeout.string()), value > 0, value <= 600 else { throw timeout.error("must be 0 to 600") }
            timeoutSeconds = value
        }
        if let retriesNode = map.optional("retries") {
            guard let value = Int(try retriesNode.string()), (0...10).contains(value) else { throw retriesNode.error("must be 0 to 10") }
            retries = value
        }
        if let backoff = map.optional("backoff-seconds") {
            guard let value = Double(try backoff.string()), value >= 0, value <= 60 else { throw backoff.error("must be 0 to 60") }
            backoffSeconds = value
        }
    }
}
