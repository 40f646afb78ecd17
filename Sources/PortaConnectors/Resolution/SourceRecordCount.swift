import Foundation
import Logging
import PortaModel

/// How many records each source holds on a person, by kind, found as an export would find them
/// (every source, strong identifiers joining) but with nothing written: what staff look at
/// before an export, and how a connector's speed is measured on its own.
public struct SourceRecordCount: Sendable, Hashable {
    public let source: String
    public let kind: String
    public let records: Int

    /// Finds the person named by `identifiers` in every source of `config` and counts what each
    /// source gives, in source order, then kind order as the source gives them. Broken rows in
    /// a source with `on-error: skip` are not counted.
    /// - Throws: ``ConnectorError`` from a source, as an export would.
    public static func count(_ config: PortaConfig, identifiers: [SubjectIdentifier], referenceDate: CalendarDate,
                             logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> [SourceRecordCount] {
        let connectors = try config.sources.map { try Connectors.make($0, referenceDate: referenceDate, logger: logger, environment: environment) }
        let resolution = try await SubjectResolver(connectors: connectors, logger: logger).resolve(identifiers)
        var counts: [SourceRecordCount] = []
        for (connector, match) in zip(connectors, resolution.matches) {
            var kinds: [String] = []
            var byKind: [String: Int] = [:]
            try await connector.streamRecords(of: match, problem: { _ in }) { pulled in
                let kind = pulled.record.kind.name
                if byKind[kind] == nil { kinds.append(kind) }
                byKind[kind, default: 0] += 1
            }
            counts += kinds.map { SourceRecordCount(source: connector.source.id, kind: $0, records: byKind[$0]!) }
        }
        return counts
    }
}
