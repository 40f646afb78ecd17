import Foundation

/// Checks a bundle someone else wrote, level by level, and reports every finding.
///
/// Level 1 (bag) is RFC 8493 and the bag rules of `porta/1`. The verifier only reads; it
/// follows no symlink and trusts nothing in the bundle to tell it how to check the bundle.
///
/// ```swift
/// let report = try BundleVerifier().verify("out/porta-req-1")
/// print(report.text)
/// ```
public struct BundleVerifier: Sendable {
    /// The names of the levels, by number.
    public static let levelNames = [1: "bag"]

    /// The highest level to run.
    public let maxLevel: Int

    /// A verifier running levels 1 through `maxLevel`.
    public init(maxLevel: Int = 1) {
        self.maxLevel = maxLevel
    }

    /// Verifies the bundle folder at `path`.
    /// - Throws: ``VerifyError`` when verification cannot run (no such folder, not a folder).
    public func verify(_ path: String) throws -> VerificationReport {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw VerifyError(path: path, message: "no such bundle")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw VerifyError(path: path, message: "not a bundle folder (zipped and sealed bundles are not read yet)")
        }
        guard access(path, R_OK | X_OK) == 0 else {
            throw VerifyError(path: path, message: "bundle folder cannot be read")
        }
        var levels: [VerificationReport.Level] = []
        if maxLevel >= 1 {
            levels.append(.init(level: 1, name: Self.levelNames[1]!, findings: BagChecker.check(bag: path)))
        }
        return VerificationReport(bundle: path, levels: levels)
    }
}
