import Foundation
import GRDB
import Logging
import PortaConnectors
import PortaExport
import PortaModel
import PortaRegister
import PortaTestSupport
import Testing

/// Shards: disjoint, covering, stable.
@Suite struct ShardTests {
    /// 2 000 made-up subjects.
    let subjects = try! (0..<2000).map { try SubjectIdentifier(parsing: "email:person\($0)@example.se", referenceDate: SampleSubject.day) }

    @Test(arguments: [1, 2, 3, 7, 16])
    func shardsAreDisjointAndCoverEveryone(_ count: Int) throws {
        let shards = try (0..<count).map { try Shard(index: $0, count: count) }
        for subject in subjects {
            #expect(shards.filter { $0.contains(subject) }.count == 1)
        }
    }

    @Test func shardsAreRoughlyEven() throws {
        let shards = try (0..<4).map { try Shard(index: $0, count: 4) }
        let sizes = shards.map { shard in subjects.filter(shard.contains).count }
        #expect(sizes.allSatisfy { (400...600).contains($0) }, "\(sizes)")
    }

    @Test func aShardIsReadAsKOfN() throws {
        #expect(try Shard(parsing: "2/3") == Shard(index: 2, count: 3))
        for bad in ["3/3", "-1/3", "1/0", "1", "a/b", "1/3/4"] {
            #expect(throws: Shard.Problem.self, "\(bad)") { try Shard(parsing: bad) }
        }
    }
}

/// `BulkExporter` on the sample controller, whose subject index is the shop's customers. Two of
/// them (Tove Berg and Nils Holm) share a personnummer and end as identity conflicts.
@Suite struct BulkExportTests {
    /// The sample customers whose export waits for a person's decision.
    let conflicted = 2

    let createdAt = try! Timestamp(parsing: SampleSubject.createdAt)

    func run(_ sample: SampleController, shard: Shard, into folder: String) async throws -> BulkExporter.Summary {
        let exporter = BulkExporter(config: try PortaConfig.load(from: sample.configPath), logger: Logger(label: "porta-test"),
                                    environment: SampleServices.environment)
        return try await exporter.export(.init(shard: shard, purpose: .portability, requestPrefix: "all", createdAt: createdAt),
                                         into: folder)
    }

    func customerCount(_ sample: SampleController) throws -> Int {
        try DatabaseQueue(path: sample.databasePath).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM customers")! }
    }

    @Test func threeShardsGiveEveryCustomerExactlyOneBundle() async throws {
        let sample = try SampleController(), out = TemporaryFolder("porta-bulk")
        var subjects: [String] = []
        var conflicts = 0
        for index in 0..<3 {
            let summary = try await run(sample, shard: try Shard(index: index, count: 3), into: out.path)
            #expect(summary.outcomes.allSatisfy { $0.result == .written || $0.result == .identityConflict })
            subjects += summary.outcomes.map(\.subject)
            conflicts += summary.outcomes.filter { $0.result == .identityConflict }.count
        }
        #expect(subjects.count == (try customerCount(sample)))
        #expect(Set(subjects).count == subjects.count)
        #expect(conflicts == conflicted)
        let bundles = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("porta-all-") && !$0.hasSuffix(".jsonl") }
        #expect(bundles.count == subjects.count - conflicted)
    }

    @Test func theSummaryIsJSONLinesWithoutPersonalData() async throws {
        let sample = try SampleController(), out = TemporaryFolder("porta-bulk")
        let summary = try await run(sample, shard: .all, into: out.path)
        let text = try String(contentsOfFile: summary.path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == summary.outcomes.count)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((object["subject"] as? String)?.hasPrefix("per_") == true)
            let outcome = object["outcome"] as? String
            #expect(outcome == "written" || outcome == "identity-conflict")
            #expect(outcome != "written" || (object["digest"] as? String)?.hasPrefix("sha256:") == true)
        }
        for personal in ["anna", "svensson", "example.se", "+46", "1985", "tove", "nils", "holm", "121212"] {
            #expect(!text.lowercased().contains(personal), "summary holds \(personal)")
        }
    }

    @Test func aRerunKeepsCompleteBundlesAndRedoesAHalfWrittenOne() async throws {
        let sample = try SampleController(), out = TemporaryFolder("porta-bulk")
        let first = try await run(sample, shard: .all, into: out.path)
        let redo = try #require(first.outcomes.first { $0.result == .written })
        // What a killed run leaves: no bundle for one subject, and its staging folder half full.
        let name = URL(fileURLWithPath: redo.bundlePath).lastPathComponent
        try FileManager.default.moveItem(atPath: redo.bundlePath, toPath: out.path + "/.\(name).partial-killed")
        try FileManager.default.removeItem(atPath: out.path + "/.\(name).partial-killed/tagmanifest-sha256.txt")
        let second = try await run(sample, shard: .all, into: out.path)
        #expect(second.outcomes.filter { $0.result == .written }.map(\.subject) == [redo.subject])
        #expect(second.outcomes.filter { $0.result == .existing }.count == first.outcomes.count - 1 - conflicted)
        #expect(second.outcomes.map(\.digest) == first.outcomes.map(\.digest))
        #expect(!FileManager.default.fileExists(atPath: out.path + "/.\(name).partial-killed"))
    }

    @Test func aSubjectWithABrokenRowFailsAloneAndIsListedWithoutPersonalData() async throws {
        let sample = try SampleController(editSQL: {
            $0 + "\nINSERT INTO orders VALUES (9001, 2, 'EB-BROKEN', '2024-01-01 00:00:00', 'delivered', 'not money', 'SEK', NULL);\n"
        })
        let out = TemporaryFolder("porta-bulk")
        let summary = try await run(sample, shard: .all, into: out.path)
        #expect(!summary.succeeded)
        let failed = summary.outcomes.filter { $0.result == .failed }
        #expect(failed.count == 1)
        #expect(failed.first?.error?.contains("9001") == true, "\(failed)")
        #expect(summary.outcomes.filter { $0.result == .written }.count == summary.outcomes.count - 1 - conflicted)
        #expect(!FileManager.default.fileExists(atPath: failed[0].bundlePath))
    }

    @Test func everySubjectsExportIsRecordedInTheRegister() async throws {
        let sample = try SampleController(), out = TemporaryFolder("porta-bulk")
        let register = try RequestRegister(path: out.path + "/register.sqlite", secret: "a-test-secret-of-enough-length")
        let exporter = BulkExporter(config: try PortaConfig.load(from: sample.configPath), logger: Logger(label: "porta-test"),
                                    environment: SampleServices.environment, register: register)
        let summary = try await exporter.export(.init(shard: .all, purpose: .access, requestPrefix: "all", createdAt: createdAt),
                                                into: out.path)
        let entries = try register.entries()
        #expect(entries.count == summary.outcomes.count)
        #expect(Set(entries.compactMap(\.entry.bundleDigest)) == Set(summary.outcomes.compactMap(\.digest)))
        #expect(try register.entries(of: try SubjectIdentifier(parsing: SampleSubject.anna, referenceDate: SampleSubject.day)).count == 1)
    }

    @Test func aConfigWithoutASubjectIndexCannotExportEveryone() async throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "subject-index: shop\n", with: "") })
        let out = TemporaryFolder("porta-bulk")
        let error = try await ExportFailure.anyError { try await run(sample, shard: .all, into: out.path) }
        #expect("\(error)".contains("subject-index"))
    }

    @Test func theSubjectIndexMustBeADatabase() throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "subject-index: shop", with: "subject-index: reviews") })
        #expect(throws: ConfigError.self) { try PortaConfig.load(from: sample.configPath) }
    }
}
