/// Level 5, `authenticity`: the SSH signature, when present or required, and by a trusted key
/// when keys are given (``AuthenticityCheck``).
public struct AuthenticityStage: VerificationStage {
    public let level = 5
    public let name = "authenticity"
    public var readsRecords: Bool { false }
    /// The keys trusted to sign; nil checks a signature only against the key it names.
    public let trusted: AllowedSigners?
    /// Whether an unsigned bundle, or one not signed by a trusted key, fails.
    public let required: Bool

    public init(trusted: AllowedSigners?, required: Bool) {
        self.trusted = trusted
        self.required = required
    }

    public func judge(_ bundle: ReadBundle) -> VerificationReport.Level {
        AuthenticityCheck(level: level, name: name, bag: bundle.bag, controller: bundle.manifest?.controller.id, trusted: trusted,
                          required: required).run()
    }
}
