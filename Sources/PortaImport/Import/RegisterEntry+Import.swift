import PortaBundle
import PortaModel
import PortaRegister
import PortaVerify

extension RegisterEntry {
    /// The receiver's line for an import: what was taken, by kind, or why nothing was.
    public init(importing result: ImportResult, at time: Timestamp) {
        let refusal = "refused: " + result.report.findings.prefix(3).map(\.code).joined(separator: ", ")
        guard let facts = result.facts else {
            self.init(action: .import, requestID: "unknown", purpose: nil, at: time, outcome: .failed, error: refusal,
                      toolVersion: PortaVersion.current)
            return
        }
        switch result.outcome {
        case .imported:
            self.init(.import, of: facts, at: time)
            recordsByKind = result.kinds.filter { $0.imported > 0 }.map { Count(kind: $0.kind, records: $0.imported) }
        case .alreadyImported:
            self.init(.import, of: facts, at: time)
            recordsByKind = []
            error = "already imported; nothing changed"
        case .refused:
            self.init(.import, of: facts, at: time, outcome: .failed, error: refusal)
            recordsByKind = []
        }
    }
}
