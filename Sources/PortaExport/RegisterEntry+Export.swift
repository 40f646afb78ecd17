import Foundation
import PortaBundle
import PortaConnectors
import PortaModel
import PortaRegister

extension RegisterEntry {
    /// The register's line for an export that wrote a bundle.
    init(export result: ExportResult, request: ExportRequest, at: Timestamp) {
        self.init(action: .export, requestID: request.requestID, purpose: request.purpose, at: at, receivedOn: request.receivedOn,
                  bundleID: result.bundleID, bundleDigest: result.digest,
                  recordsByKind: result.recordsByKind.map { Count(kind: $0.kind.name, records: $0.records) },
                  exclusions: result.exclusions.map { Count(source: $0.source, kind: $0.kind.name, reason: $0.reason.code, records: $0.records) }
                      + Exporter.unreadable(result.skippedRows).map {
                          Count(source: $0.source, kind: $0.kind ?? "any", reason: $0.reason, records: $0.records)
                      },
                  outcome: .ok, decisions: Self.decisions(result.identity), toolVersion: PortaVersion.current)
    }

    /// The identity decisions in one line of source keys, record ids and field names.
    static func decisions(_ identity: PortaManifest.IdentityDecisions) -> String? {
        guard !identity.isEmpty else { return nil }
        var parts: [String] = []
        if !identity.excludedSourceKeys.isEmpty {
            parts.append("source rows left out as another person's: " + identity.excludedSourceKeys.joined(separator: ", "))
        }
        for conflict in identity.acceptedConflicts {
            parts.append("identity conflict accepted: records \(conflict.records.joined(separator: " and ")) disagree on "
                         + conflict.fields.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    /// The register's line for an export that ended without a bundle: no source knew the
    /// subject, or it failed (the error's code and message carry no personal data).
    init(failedExport request: ExportRequest, error: any Error, at: Timestamp) {
        let noRecords = (error as? ExportError)?.code == .noRecords
        self.init(action: .export, requestID: request.requestID, purpose: request.purpose, at: at, receivedOn: request.receivedOn,
                  outcome: noRecords ? .noRecords : .failed, error: noRecords ? nil : "\(error)", toolVersion: PortaVersion.current)
    }
}
