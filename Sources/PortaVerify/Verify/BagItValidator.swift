import Dispatch
import Foundation
import PortaBundle

/// Judges any BagIt bag by RFC 8493 alone, as `porta verify --bagit` does: BagIt 0.97 and 1.0,
/// every algorithm the RFC names, the declared tag-file encoding, tag-manifest and `fetch.txt`
/// rules, completeness and every checksum. None of the `porta/1` profile's rules apply. Names
/// that differ only in Unicode normalisation are warnings: the RFC leaves them to the file system.
///
/// ```swift
/// let verdict = BagItValidator().validate("transfer/bag")
/// print(verdict.isValid, verdict.errors.map(\.code))
/// ```
public struct BagItValidator: Sendable {
    /// What the RFC says of a bag: its errors (any makes it invalid) and its warnings.
    public struct Verdict: Sendable {
        public let errors: [BundleProblem]
        public let warnings: [BundleProblem]
        public var isValid: Bool { errors.isEmpty }
    }

    /// The codes reported as warnings, not errors.
    public static let warningCodes: Set<FindingCode> = [.normalizationCollision]

    public init() {}

    /// Reads the bag folder at `path` and checks every file, hashing on every core.
    public func validate(_ path: String) -> Verdict {
        var reader = BagReader(bag: path, rules: .rfc8493)
        let jobs = reader.hashJobs.sorted { $0.key < $1.key }
        let slots = ResultSlots<[HashAlgorithm: String]?>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            slots.set(index, FileHashing.digest(of: path + "/" + jobs[index].key, algorithms: jobs[index].value))
        }
        reader.conclude(digests: Dictionary(uniqueKeysWithValues: zip(jobs.map(\.key), slots.values)))
        reader.conclude(twinDigests: reader.twinJobs.map { FileHashing.digest(of: path + "/" + $0.file, algorithms: $0.algorithms) })
        let problems = reader.problems
        return Verdict(errors: problems.filter { !Self.warningCodes.contains($0.code) },
                       warnings: problems.filter { Self.warningCodes.contains($0.code) })
    }
}

extension BagItValidator.Verdict {
    /// The verdict for people: the bag and `valid` or `invalid`, then one line per error and
    /// per warning, with its code, file and line.
    public func text(bag: String) -> String {
        func line(_ kind: String, _ problem: BundleProblem) -> String {
            let place = (problem.path ?? "") + (problem.line.map { ":\($0)" } ?? "")
            return "  \(kind) \(problem.code) \(place.isEmpty ? "" : place + ": ")\(problem.message)"
        }
        return (["\(bag): \(isValid ? "valid" : "invalid") (RFC 8493)"] + errors.map { line("error", $0) }
            + warnings.map { line("warning", $0) }).joined(separator: "\n")
    }
}
