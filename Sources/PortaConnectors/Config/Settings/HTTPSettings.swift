import Foundation
import PortaModel

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
