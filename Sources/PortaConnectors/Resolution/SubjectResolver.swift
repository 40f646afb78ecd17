import Logging
import PortaModel

/// Finds one person across all of a controller's sources by strong identifiers only.
///
/// Each source is asked for the identifiers known so far; identifiers found on matched rows
/// (a second e-mail address, a personnummer) are added and every source is asked again, until
/// nothing new turns up. Names, addresses and IP addresses never join. A customer number is
/// the numbering of the source it was found in, so one found in a source is only looked up in
/// that source; one the request names is looked up everywhere.
public struct SubjectResolver {
    private let connectors: [any Connector]
    private let logger: Logger

    public init(connectors: [any Connector], logger: Logger) {
        self.connectors = connectors
        self.logger = logger
    }

    /// Resolves the subject named by `requested`, leaving out the subject rows `excluded` names
    /// (a person's decision after an identity conflict): their records are not pulled and their
    /// identifiers join nothing.
    /// - Throws: ``ConnectorError`` from a source.
    public func resolve(_ requested: [SubjectIdentifier], excluding excluded: Set<SourceKey> = []) async throws -> SubjectResolution {
        var origins: [SubjectIdentifier: Set<String>] = [:]
        for identifier in requested { origins[identifier, default: []].insert(SubjectResolution.requestOrigin) }
        var matches: [String: SubjectMatch] = [:]
        var round = 0
        while true {
            round += 1
            var learned = false
            for connector in connectors {
                let sourceID = connector.source.id
                let usable = origins.filter { identifier, from in
                    identifier.scheme != .customerNumber || from.contains(SubjectResolution.requestOrigin) || from.contains(sourceID)
                }.keys.sorted()
                let excludedHere = Set(excluded.filter { $0.source == sourceID }.map(\.key))
                let match = try await connector.findSubject(matching: usable).excluding(excludedHere)
                matches[sourceID] = match
                for identifier in match.identifiers {
                    if origins[identifier] == nil { learned = true }
                    origins[identifier, default: []].insert(sourceID)
                }
            }
            logger.debug("identity resolution round", metadata: ["round": "\(round)", "identifiers": "\(origins.count)"])
            if !learned { break }
        }
        let ordered = connectors.map { matches[$0.source.id]! }
        return SubjectResolution(identifiers: origins, matches: ordered)
    }
}

/// The outcome of resolving a subject: every identifier used and where it came from, and what
/// each source knows of the subject.
public struct SubjectResolution: Sendable {
    /// The origin of identifiers the request itself named.
    public static let requestOrigin = "request"

    /// Each identifier, with `request` and/or the ids of the sources it was found in.
    public let identifiers: [SubjectIdentifier: Set<String>]
    /// Per source, in config order, the subject's keys there.
    public let matches: [SubjectMatch]

    /// Whether any source knows the subject.
    public var isEmpty: Bool { matches.allSatisfy(\.isEmpty) }
}
