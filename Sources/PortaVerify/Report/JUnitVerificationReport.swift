import PortaBundle
import PortaBytes

/// The report of `porta verify --junit FILE` in JUnit XML, which CI systems (GitHub Actions
/// reporters, GitLab, Jenkins) show natively: one `<testsuite>` per bundle, one `<testcase>`
/// per level, a `<failure>` listing the level's findings, `<skipped>` for a level that did not
/// run, and `<error>` for a bundle that could not be checked. Described by
/// `formats/reports/junit-report.xsd`.
public enum JUnitVerificationReport {
    public static func document(_ outcomes: [VerificationOutcome]) -> [UInt8] {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for outcome in outcomes {
            let name = XMLText.escape(outcome.bundle)
            switch outcome {
            case .couldNotRun(let error):
                totals.tests += 1; totals.errors += 1
                suites.append("""
                  <testsuite name="\(name)" tests="1" failures="0" errors="1" skipped="0">
                    <testcase classname="porta.verify" name="open bundle">
                      <error type="could-not-run" message="\(XMLText.escape(error.message))"/>
                    </testcase>
                  </testsuite>
                """)
            case .verified(let report):
                let failures = report.levels.filter { $0.skipped == nil && !$0.passed }.count
                let skipped = report.levels.filter { $0.skipped != nil }.count
                totals.tests += report.levels.count; totals.failures += failures; totals.skipped += skipped
                var cases: [String] = []
                for level in report.levels {
                    let head = "    <testcase classname=\"porta.verify\" name=\"level \(level.level) \(level.name)\""
                    if let reason = level.skipped {
                        cases.append(head + ">\n      <skipped message=\"\(XMLText.escape(reason))\"/>\n    </testcase>")
                    } else if level.passed {
                        cases.append(head + "/>")
                    } else {
                        let count = level.findings.count
                        let lines = level.findings.map { XMLText.escape($0.description) }.joined(separator: "\n")
                        cases.append(head + ">\n      <failure type=\"\(XMLText.escape(level.findings[0].code))\" message=\"\(count) finding\(count == 1 ? "" : "s")\">"
                                     + lines + "</failure>\n    </testcase>")
                    }
                }
                suites.append("  <testsuite name=\"\(name)\" tests=\"\(report.levels.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
                              + cases.joined(separator: "\n") + "\n  </testsuite>")
            }
        }
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"porta verify\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\">\n"
            + suites.map { $0 + "\n" }.joined() + "</testsuites>\n"
        return Array(text.utf8)
    }

    /// Writes the report to `path`, whole or not at all, readable by its owner only.
    /// - Throws: ``VerifyError`` when the file cannot be written.
    public static func write(_ outcomes: [VerificationOutcome], to path: String) throws(VerifyError) {
        do { try WholeFile.write(document(outcomes), to: path) } catch {
            throw VerifyError(.io, path: path, message: "cannot write the JUnit report: \(error)", cause: error)
        }
    }
}
