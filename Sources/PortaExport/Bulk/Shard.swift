import Crypto
import PortaModel

/// One of N disjoint parts of all subjects, for exporting everyone in parallel with no
/// coordinator: a subject belongs to shard `index` of `count` when the stable hash of its
/// primary identifier, modulo `count`, is `index`. Whatever `count` is, every subject falls in
/// exactly one shard, the same one on every machine and every run.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based, as Kubernetes' `JOB_COMPLETION_INDEX` counts.
    public let index: Int
    public let count: Int

    /// Why a shard cannot be read.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    public init(index: Int, count: Int) throws(Problem) {
        guard count >= 1, count <= 100_000, index >= 0, index < count else {
            throw Problem(description: "a shard is K/N with 0 ≤ K < N and 1 ≤ N ≤ 100000")
        }
        self.index = index
        self.count = count
    }

    /// Reads `K/N`.
    public init(parsing text: String) throws(Problem) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw Problem(description: "a shard is written K/N, such as 0/3")
        }
        try self.init(index: index, count: count)
    }

    /// All subjects: shard 0 of 1.
    public static let all = try! Shard(index: 0, count: 1)

    /// Whether the subject named by `identifier` falls in this shard.
    public func contains(_ identifier: SubjectIdentifier) -> Bool {
        Self.hash(identifier) % UInt64(count) == UInt64(index)
    }

    /// The first 64 bits of SHA-256 over `porta-shard`, NUL and the identifier's qualified value.
    static func hash(_ identifier: SubjectIdentifier) -> UInt64 {
        let digest = SHA256.hash(data: Array("porta-shard\0\(identifier.qualifiedValue)".utf8))
        return digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    public var description: String { "\(index)/\(count)" }
}
