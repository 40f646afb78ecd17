import PortaBundle
import PortaBytes
import PortaFormats

/// The machine-readable report of `porta verify --format json`, described by
/// `formats/reports/verify-report.schema.json`: every bundle, every level with its status, every
/// finding. Keys come in a fixed order, so the same outcomes give the same bytes.
public enum JSONVerificationReport {
    /// The report's format name and version.
    public static let format = "porta-verify-report/1"

    public static func document(_ outcomes: [VerificationOutcome]) -> JSONValue {
        .object([
            ("format", .string(format)),
            ("generator", .object([("name", .string("porta")), ("version", .string(PortaVersion.current))])),
            ("exitStatus", .integer(Int64(VerificationOutcome.exitStatus(outcomes)))),
            ("bundles", .array(outcomes.map(bundle))),
        ])
    }

    private static func bundle(_ outcome: VerificationOutcome) -> JSONValue {
        switch outcome {
        case .couldNotRun(let error):
            return .object([("bundle", .string(error.path)), ("result", .string("error")), ("error", .string(error.message))])
        case .verified(let report):
            return .object([
                ("bundle", .string(report.bundle)),
                ("result", .string(report.isValid ? "valid" : "invalid")),
                ("levels", .array(report.levels.map(level))),
            ])
        }
    }

    private static func level(_ level: VerificationReport.Level) -> JSONValue {
        let status = level.skipped != nil ? "skipped" : level.passed ? "pass" : "fail"
        return .object([("level", .integer(Int64(level.level))), ("name", .string(level.name)), ("status", .string(status))]
                       + (level.skipped.map { [("skipped", JSONValue.string($0))] } ?? [])
                       + (level.detail.map { [("detail", JSONValue.string($0))] } ?? [])
                       + [("findings", .array(level.findings.map(finding)))])
    }

    private static func finding(_ finding: Finding) -> JSONValue {
        func optional(_ key: String, _ value: String?) -> [(String, JSONValue)] { value.map { [(key, .string($0))] } ?? [] }
        return .object([("level", .integer(Int64(finding.level))), ("code", .string(finding.code))]
                       + optional("path", finding.path)
                       + (finding.line.map { [("line", JSONValue.integer(Int64($0)))] } ?? [])
                       + optional("record", finding.record)
                       + [("message", .string(finding.message))]
                       + optional("expected", finding.expected) + optional("found", finding.found))
    }
}
