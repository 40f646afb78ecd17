import Dispatch
import Foundation
import GRDB
import PortaTestSupport
import Testing

/// `porta export --all-subjects` as the Kubernetes sample runs it: N processes, each told its
/// shard only by `JOB_COMPLETION_INDEX`.
@Suite struct BulkExportCommandTests {
    /// The `args:` of the sample Job's container, with the config and output folder pointed
    /// at test copies.
    func jobArguments(config: String, out: String) throws -> (arguments: [String], completions: Int) {
        let job = try String(contentsOfFile: Repository.path("samples/k8s/porta-bulk-export-job.yaml"), encoding: .utf8)
        let lines = job.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let arguments = lines.filter { $0.hasPrefix("- export") || $0.hasPrefix("- --") }.map { line in
            String(line.dropFirst(2).split(separator: "#")[0]).trimmingCharacters(in: .whitespaces)
        }.map { argument in
            argument.hasPrefix("--config=") ? "--config=" + config : argument.hasPrefix("--out=") ? "--out=" + out : argument
        }
        let completions = try #require(lines.first { $0.hasPrefix("completions:") }
            .flatMap { Int($0.dropFirst(12).split(separator: "#")[0].trimmingCharacters(in: .whitespaces)) })
        return (arguments, completions)
    }

    @Test func theIndexedJobsProcessesTogetherExportEveryCustomerExactlyOnce() throws {
        let sample = try SampleController(editConfig: SampleController.keepingRegister), out = TemporaryFolder("porta-job")
        let (arguments, completions) = try jobArguments(config: sample.configPath, out: out.path)
        #expect(arguments.first == "export" && arguments.contains("--all-subjects"))
        #expect(arguments.contains("--shard-count=\(completions)"))
        let results = ResultBox(count: completions)
        DispatchQueue.concurrentPerform(iterations: completions) { index in
            var environment = SampleServices.environment
            environment["JOB_COMPLETION_INDEX"] = String(index)
            results.set(index, try? ExternalProcess.porta(arguments, environment: environment))
        }
        var subjects: [String] = []
        var conflicts = 0
        for index in 0..<completions {
            let summary = out.path + "/porta-closure-2026-shard-\(index)-of-\(completions).jsonl"
            let lines = try String(contentsOfFile: summary, encoding: .utf8).split(separator: "\n")
            subjects += lines.map { line in String(line.split(separator: "\"")[3]) }
            // The sample's two people who share a personnummer wait for a person's decision;
            // their pods say so with exit 1, every other pod ends well.
            let conflicted = lines.filter { $0.contains("\"outcome\":\"identity-conflict\"") }
            conflicts += conflicted.count
            #expect(conflicted.allSatisfy { !$0.contains("Tove") && !$0.contains("Nils") })
            let result = results.values[index]
            #expect(result?.status == (conflicted.isEmpty ? 0 : 1), "pod \(index): \(result?.combined ?? "did not run")")
        }
        #expect(conflicts == 2)
        let customers = try DatabaseQueue(path: sample.databasePath).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM customers")! }
        #expect(subjects.count == customers)
        #expect(Set(subjects).count == customers)
        // The pods recorded every export in the one register, taking turns.
        let register = try ExternalProcess.porta(["register", "list", "--config", sample.configPath, "--format", "csv"])
        #expect(register.standardOutput.split(separator: "\r\n").count - 1 == customers, "\(register.combined)")
        let verify = try ExternalProcess.porta(["verify", "--level", "4", out.path])
        #expect(verify.status == 0, "\(verify.combined)")
        #expect(verify.standardOutput.components(separatedBy: "result: valid").count - 1 == customers - conflicts)
    }

    @Test func aShardWithNoSubjectsWritesAnEmptySummaryAndExitsZero() throws {
        let sample = try SampleController(), folder = TemporaryFolder("porta-job")
        let out = folder.file("not-yet-made")
        let shards = 4 * (try DatabaseQueue(path: sample.databasePath).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM customers")! })
        var empty: Int?
        for index in 0..<shards where empty == nil {
            let export = try ExternalProcess.run(ExternalProcess.portaBinary, [
                "export", "--all-subjects", "--shard", "\(index)/\(shards)", "--config", sample.configPath, "--out", out,
                "--request-id", "all", "--created-at", SampleSubject.createdAt, "--quiet"], environment: SampleServices.environment)
            let summary = out + "/porta-all-shard-\(index)-of-\(shards).jsonl"
            guard let size = (try? FileManager.default.attributesOfItem(atPath: summary))?[.size] as? Int, size == 0 else { continue }
            #expect(export.status == 0, "\(export.combined)")
            empty = index
        }
        #expect(empty != nil, "with four times more shards than subjects, one is empty")
    }

    @Test func withoutJobCompletionIndexShardCountCannotRun() throws {
        let sample = try SampleController(), out = TemporaryFolder("porta-job")
        let export = try ExternalProcess.run("env", ["-u", "JOB_COMPLETION_INDEX", ExternalProcess.portaBinary, "export", "--all-subjects",
                                                     "--shard-count", "3", "--config", sample.configPath, "--out", out.path],
                                             environment: SampleServices.environment)
        #expect(export.status == 2)
        #expect(export.standardError.contains("JOB_COMPLETION_INDEX"))
    }
}

/// Slots filled from concurrent work.
private final class ResultBox: @unchecked Sendable {
    private var storage: [ProcessOutput?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: ProcessOutput?) { lock.lock(); storage[index] = value; lock.unlock() }
    var values: [ProcessOutput?] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// A shard killed mid-run and run again: no half bundle ever shows, and the rerun finishes
/// the job with every bundle complete.
@Suite struct KilledShardTests {
    @Test func aShardKilledWhileWritingResumesWithEveryBundleComplete() throws {
        let folder = TemporaryFolder("porta-killed"), out = folder.file("out")
        // The sample shop plus a heavy customer (slow to write, so the kill lands mid-bundle) and 20 more.
        let config = try ExternalProcess.run(Repository.path("scripts/shop-only-config.sh"), [])
        try BagFiles.write(config.standardOutput, to: folder.file("porta.yml"))
        let made = try ExternalProcess.run(Repository.path("samples/retailer/make-heavy-shop.sh"),
                                           [folder.file("shop.sqlite"), "30000", "0", "20"])
        #expect(made.status == 0, "\(made.combined)")
        let arguments = ["export", "--all-subjects", "--shard", "0/1", "--config", folder.file("porta.yml"), "--out", out,
                         "--purpose", "access", "--request-id", "all", "--created-at", SampleSubject.createdAt, "--quiet"]
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalProcess.portaBinary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once a staging folder is being written (the heavy customer's, most likely).
        let deadline = Date().addingTimeInterval(60)
        var sawStaging = false
        while Date() < deadline && process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            let bundles = names.filter { $0.hasPrefix("porta-all-") && !$0.hasSuffix(".jsonl") }
            if bundles.count >= 7, names.contains(where: { $0.hasPrefix(".porta-all-") }) { sawStaging = true; break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(sawStaging, "the shard finished before it could be killed mid-bundle")
        let beforeRerun = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!beforeRerun.contains { $0.hasSuffix(".jsonl") }, "no summary for a killed run")
        // Every bundle in place is complete.
        let verify = try ExternalProcess.porta(["verify", "--level", "3", out])
        #expect(verify.status == 0, "\(verify.combined)")

        // 30 subjects: the sample's two who share a personnummer wait for a person's decision (exit 1).
        let rerun = try ExternalProcess.porta(arguments)
        #expect(rerun.status == 1, "\(rerun.combined)")
        #expect(rerun.standardOutput.contains("subjects: 30"), "\(rerun.standardOutput)")
        #expect(rerun.standardOutput.contains("identity-conflict: 2"), "\(rerun.standardOutput)")
        let after = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!after.contains { $0.hasPrefix(".") }, "staging left behind: \(after)")
        #expect(after.filter { $0.hasPrefix("porta-all-") && !$0.hasSuffix(".jsonl") }.count == 28)
        #expect(try ExternalProcess.porta(["verify", "--level", "4", out]).status == 0)
    }
}
