import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import PortaBytes
import PortaModel

/// Reads a subject's items from an HTTP JSON API: for each of the subject's identifiers the
/// API takes (`subject-parameters`), GET with that parameter, page after page; each item is a
/// unit (its fields flattened as in JSON sources) and must itself carry one of the subject's
/// identifiers to count.
///
/// A bearer token comes from an environment variable. 429 and 5xx answers and transport
/// timeouts are retried with exponential backoff (honouring `Retry-After` up to 30 s); other
/// answers are errors naming the status. Bodies are capped at 32 MiB and pages at 10 000.
/// Logs name the source, the page and the status, never a URL (it holds the identifier).
struct HTTPUnitReader: UnitReader {
    let source: SourceConfig
    let settings: HTTPSettings
    let referenceDate: CalendarDate
    let logger: Logger
    let environment: [String: String]

    static let maximumBodyBytes = 32 * 1024 * 1024
    static let maximumPages = 10_000

    func readUnits(for subject: [SubjectIdentifier], _ body: (SourceUnit) throws -> Void) async throws {
        let base = try baseURL()
        var seen: Set<SourceUnit.Row> = []
        for identifier in subject {
            guard let parameter = settings.subjectParameters.first(where: { $0.scheme == identifier.scheme })?.parameter else { continue }
            var page = 0
            var cursor: String?
            var cursors: Set<String> = []
            while page < Self.maximumPages {
                var query = [URLQueryItem(name: parameter, value: identifier.value)]
                switch settings.paging {
                case .page(let name, let sizeName, let size):
                    query += [URLQueryItem(name: name, value: String(page + 1)), URLQueryItem(name: sizeName, value: String(size))]
                case .offset(let name, let sizeName, let size):
                    query += [URLQueryItem(name: name, value: String(page * size)), URLQueryItem(name: sizeName, value: String(size))]
                case .cursor(let name, _, let sizeName, let size):
                    if let sizeName { query.append(URLQueryItem(name: sizeName, value: String(size))) }
                    if let cursor { query.append(URLQueryItem(name: name, value: cursor)) }
                case .none:
                    break
                }
                let document = try await fetch(base, query: query, page: page + 1)
                let items = try Self.items(document, at: settings.items, source: source)
                for item in items {
                    var row: SourceUnit.Row = [:]
                    JSONUnitReader.flatten(item, prefix: "", into: &row)
                    guard seen.insert(row).inserted else { continue }
                    try body(SourceUnit(identifiers: rowIdentifiers(row, lookup: source.subjects, referenceDate: referenceDate),
                                        rows: ["rows": [row]], line: nil))
                }
                page += 1
                switch settings.paging {
                case .page(_, _, let size), .offset(_, _, let size):
                    if items.count < size { break } else { continue }
                case .cursor(_, let next, _, _):
                    guard case .string(let value)? = Self.value(document, at: next), !value.isEmpty else { break }
                    guard cursors.insert(value).inserted else {
                        throw ConnectorError(.query, source: source.id, message: "the API returned the same cursor twice")
                    }
                    cursor = value
                    continue
                case .none:
                    break
                }
                break
            }
        }
    }

    /// Asks the API for an address nobody has: it must answer with an (empty) items array.
    func check() async throws -> String {
        guard let parameter = settings.subjectParameters.first?.parameter else { return "no subject parameters" }
        let document = try await fetch(try baseURL(), query: [URLQueryItem(name: parameter, value: "porta-sources-check@invalid.example")], page: 1)
        let items = try Self.items(document, at: settings.items, source: source)
        return "the API answered (\(items.count) items for a probe), \(counted(source.records.count, "mapping"))"
    }

    private func baseURL() throws -> URL {
        let text = try SourceAddress.resolve(url: settings.url, urlEnvironment: settings.urlEnvironment, source: source,
                                             environment: environment)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw ConnectorError(.unavailable, source: source.id, message: "the API URL is not an http(s) URL")
        }
        guard scheme == "https" || ["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host ?? "") else {
            throw ConnectorError(.unavailable, source: source.id, message: "plain http is only allowed to this machine (127.0.0.1); use https")
        }
        return url
    }

    /// GETs one page, retrying what may pass.
    func fetch(_ base: URL, query: [URLQueryItem], page: Int) async throws -> ParsedJSON {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            throw ConnectorError(.unavailable, source: source.id, message: "the API URL is not valid")
        }
        components.queryItems = (components.queryItems ?? []) + query
        guard let url = components.url else { throw ConnectorError(.unavailable, source: source.id, message: "the API URL is not valid") }
        var request = URLRequest(url: url, timeoutInterval: settings.timeoutSeconds)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let name = settings.tokenEnvironment {
            guard let token = environment[name], !token.isEmpty else {
                throw ConnectorError(.unavailable, source: source.id, message: "environment variable \(name) is not set")
            }
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        var attempt = 0
        while true {
            attempt += 1
            var wait = settings.backoffSeconds * pow(2, Double(attempt - 1))
            do {
                let (data, response) = try await Self.data(for: request, timeout: settings.timeoutSeconds)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if status == 429 || (500...599).contains(status) {
                    if let retryAfter = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Retry-After"), let seconds = Double(retryAfter) {
                        wait = min(max(seconds, 0), 30)
                    }
                    logger.warning("API answered; retrying", metadata: ["source": "\(source.id)", "page": "\(page)", "status": "\(status)", "attempt": "\(attempt)"])
                    guard attempt <= settings.retries else {
                        throw ConnectorError(.query, source: source.id, message: "the API answered HTTP \(status) after \(Self.attempts(attempt))")
                    }
                } else if (200...299).contains(status) {
                    guard data.count <= Self.maximumBodyBytes else {
                        throw ConnectorError(.query, source: source.id, message: "the API's answer is larger than 32 MiB")
                    }
                    var parser = StrictJSONParser(input: ByteInput(bytes: [UInt8](data), name: "page \(page)", format: .json))
                    do {
                        return try parser.parseDocument()
                    } catch let error as FormatError {
                        throw ConnectorError(.query, source: source.id, message: "page \(page) is not JSON: \(error.message) (line \(error.line ?? 0))")
                    }
                } else {
                    throw ConnectorError(.query, source: source.id, message: "the API answered HTTP \(status)")
                }
            } catch let error as URLError where [.timedOut, .networkConnectionLost, .cannotConnectToHost].contains(error.code) {
                logger.warning("API did not answer; retrying", metadata: ["source": "\(source.id)", "page": "\(page)", "attempt": "\(attempt)"])
                guard attempt <= settings.retries else {
                    let why = error.code == .timedOut ? "timed out" : "could not be reached"
                    throw ConnectorError(.unavailable, source: source.id, message: "the API \(why) after \(Self.attempts(attempt))")
                }
            }
            try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
        }
    }

    /// One request, in a session whose request and resource timeouts are `timeout`
    /// (swift-corelibs-foundation does not honour a request's own `timeoutInterval`). Sessions
    /// are made once per timeout and kept: making and invalidating one per request is not safe
    /// with swift-corelibs-foundation under load.
    static func data(for request: URLRequest, timeout: Double) async throws -> (Data, URLResponse) {
        try await HTTPSessions.shared.session(timeout: timeout).data(for: request)
    }

    static func attempts(_ count: Int) -> String { count == 1 ? "1 attempt" : "\(count) attempts" }

    static func items(_ document: ParsedJSON, at pointer: [String], source: SourceConfig) throws -> [ParsedJSON] {
        guard case .array(let items)? = value(document, at: pointer) else {
            throw ConnectorError(.query, source: source.id, message: "the API's answer has no array at the items pointer")
        }
        return items
    }

    static func value(_ document: ParsedJSON, at pointer: [String]) -> ParsedJSON? {
        var current = document
        for token in pointer {
            switch current {
            case .object(let members):
                guard let member = members.first(where: { $0.key == token }) else { return nil }
                current = member.value
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// URL sessions by timeout, made once and kept for the life of the process.
final class HTTPSessions: @unchecked Sendable {
    static let shared = HTTPSessions()
    private let lock = NSLock()
    private var sessions: [Double: URLSession] = [:]

    func session(timeout: Double) -> URLSession {
        lock.withLock {
            if let session = sessions[timeout] { return session }
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = timeout
            configuration.timeoutIntervalForResource = timeout
            configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
            let session = URLSession(configuration: configuration)
            sessions[timeout] = session
            return session
        }
    }
}
