/// What verifying one named bundle came to: a report, or the reason it could not run.
public enum VerificationOutcome: Sendable {
    case verified(VerificationReport)
    case couldNotRun(VerifyError)

    /// The bundle as it was named.
    public var bundle: String {
        switch self {
        case .verified(let report): report.bundle
        case .couldNotRun(let error): error.path
        }
    }

    /// The exit status `porta verify` gives for a set of outcomes: 2 when any could not run,
    /// else 1 when any bundle is invalid, else 0.
    public static func exitStatus(_ outcomes: [VerificationOutcome]) -> Int32 {
        var status: Int32 = 0
        for outcome in outcomes {
            switch outcome {
            case .couldNotRun: return 2
            case .verified(let report) where !report.isValid: status = 1
            case .verified: break
            }
        }
        return status
    }
}
