import PortaBundle
import PortaModel
import PortaRegister

extension RegisterEntry {
    /// The register's line for signing, sealing or importing the bundle `facts` describes.
    /// `error` is a code or message without personal data, for a failed step.
    public init(_ action: Action, of facts: BundleFacts, at time: Timestamp, outcome: Outcome = .ok, error: String? = nil) {
        self.init(action: action, requestID: facts.requestID, purpose: facts.purpose, at: time, bundleID: facts.bundleID,
                  bundleDigest: facts.digest, recordsByKind: facts.recordsByKind.map { Count(kind: $0.kind, records: $0.records) },
                  outcome: outcome, error: error, toolVersion: PortaVersion.current)
    }
}

extension RequestRegister {
    /// Appends the entry of `action` on the bundle `facts` describe, at `time`.
    /// - Throws: ``VerifyError`` `register`, naming the bundle at `path`, when the entry cannot be written.
    func record(_ action: RegisterEntry.Action, of facts: BundleFacts, at time: Timestamp, bundle path: String) throws(VerifyError) {
        do { try append(RegisterEntry(action, of: facts, at: time), subject: facts.subject) } catch {
            throw VerifyError(.register, path: path, message: "the register could not record the \(action.rawValue): \(error)", cause: error)
        }
    }
}
