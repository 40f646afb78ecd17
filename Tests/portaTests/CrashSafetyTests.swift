import Foundation
import GRDB
import PortaTestSupport
import Testing

/// `porta import` and `porta export` killed (SIGKILL) at many points: the receiver's store is
/// always as before or fully imported, and no half-written bundle ever shows.
@Suite(.serialized) struct CrashSafetyTests {
    let folder = TemporaryFolder("porta-crash")

    /// A shop with a heavy customer (8 000 records, two 4 MiB photos), so that writing and
    /// importing take long enough to be killed in the middle; returns the config.
    func heavyShop() throws -> String {
        let config = try ExternalProcess.run(Repository.path("scripts/shop-only-config.sh"), [])
        try BagFiles.write(config.standardOutput, to: folder.file("porta.yml"))
        let made = try ExternalProcess.run(Repository.path("samples/retailer/make-heavy-shop.sh"), [folder.file("shop.sqlite"), "8000", "2"])
        #expect(made.status == 0, "\(made.combined)")
        return folder.file("porta.yml")
    }

    func exportArguments(config: String, subject: String, requestID: String, out: String, zip: Bool) -> [String] {
        ["export", "--config", config, "--subject", subject, "--purpose", "access", "--out", out, "--request-id", requestID,
         "--created-at", SampleSubject.createdAt, "--quiet"] + (zip ? ["--zip"] : [])
    }

    /// Starts porta with `arguments`; kills it after `delay` seconds, or once `trigger` holds
    /// and then `delay` more. Returns whether it was still running when killed.
    func runAndKill(_ arguments: [String], after delay: TimeInterval, trigger: (() -> Bool)? = nil) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalProcess.portaBinary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(SampleServices.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let trigger {
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && !trigger() && Date() < deadline { usleep(1_000) }
        }
        usleep(UInt32(delay * 1_000_000))
        let running = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return running
    }

    func elapsed(_ body: () throws -> Void) rethrows -> TimeInterval {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    /// The store's bundles and records, as a reader opening it after the crash sees them.
    func state(of store: String) throws -> (bundles: Int, records: Int) {
        let queue = try DatabaseQueue(path: store)
        defer { try? queue.close() }
        return try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM porta_bundle") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM porta_record") ?? -1)
        }
    }

    @Test func aKilledImportLeavesTheStoreAsBeforeOrFullyImported() throws {
        let config = try heavyShop()
        let bundles = folder.file("bundles")
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        for (subject, request) in [("email:anna.svensson@example.se", "small"), ("email:heavy@example.se", "heavy")] {
            let export = try ExternalProcess.porta(exportArguments(config: config, subject: subject, requestID: request, out: bundles, zip: false))
            #expect(export.status == 0, "\(export.combined)")
        }
        // The store before: one earlier bundle imported.
        let baseline = folder.file("baseline.sqlite")
        #expect(try ExternalProcess.porta(["import", bundles + "/porta-small", "--store", baseline]).status == 0)
        let before = try state(of: baseline)
        let heavy = bundles + "/porta-heavy"
        let full = folder.file("full.sqlite")
        try FileManager.default.copyItem(atPath: baseline, toPath: full)
        let duration = try elapsed {
            let imported = try ExternalProcess.porta(["import", heavy, "--store", full])
            #expect(imported.status == 0, "\(imported.combined)")
        }
        let after = try state(of: full)
        #expect(after.bundles == before.bundles + 1 && after.records > before.records + 8_000)

        // Kills spread over the whole run, and kills just after the write transaction began.
        let spread = (1...5).map { (delay: duration * Double($0) / 6, inTransaction: false) }
        let inTransaction = [0.0, 0.01, 0.05, 0.15, 0.4].map { (delay: $0, inTransaction: true) }
        var seen: Set<String> = []
        var killedInTransaction = 0
        for (index, point) in (spread + inTransaction).enumerated() {
            let store = folder.file("killed-\(index).sqlite")
            try FileManager.default.copyItem(atPath: baseline, toPath: store)
            let journal = store + "-journal"
            let killedRunning = try runAndKill(["import", heavy, "--store", store], after: point.delay,
                                               trigger: point.inTransaction ? { FileManager.default.fileExists(atPath: journal) } : nil)
            let found = try state(of: store)
            #expect(found == before || found == after, "kill \(index) after \(point.delay) s left \(found)")
            if killedRunning { seen.insert(found == before ? "before" : "after") }
            if killedRunning && point.inTransaction && found == before { killedInTransaction += 1 }
            // The store is usable after the crash: importing again completes it.
            let rerun = try ExternalProcess.porta(["import", heavy, "--store", store])
            #expect(rerun.status == 0, "\(rerun.combined)")
            #expect(try state(of: store) == after)
        }
        #expect(seen.contains("before"), "no kill landed before the import committed")
        #expect(killedInTransaction >= 3, "too few kills landed inside the write transaction")
    }

    @Test func aKilledExportLeavesNoHalfBundle() throws {
        let config = try heavyShop()
        let measure = folder.file("measure")
        try FileManager.default.createDirectory(atPath: measure, withIntermediateDirectories: true)
        let duration = try elapsed {
            let export = try ExternalProcess.porta(exportArguments(config: config, subject: "email:heavy@example.se", requestID: "x",
                                                                   out: measure, zip: true))
            #expect(export.status == 0, "\(export.combined)")
        }
        var killedWhileRunning = 0
        for index in 1...8 {
            let out = folder.file("out-\(index)")
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let zip = index % 2 == 0
            if try runAndKill(exportArguments(config: config, subject: "email:heavy@example.se", requestID: "x", out: out, zip: zip),
                              after: duration * Double(index) / 9) {
                killedWhileRunning += 1
            }
            let visible = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }
            #expect(Set(visible).isSubset(of: ["porta-x", "porta-x.zip"]), "\(visible)")
            for name in visible {
                let verify = try ExternalProcess.porta(["verify", "--level", "4", out + "/" + name])
                #expect(verify.status == 0, "a half-written bundle showed after kill \(index): \(verify.combined)")
            }
        }
        #expect(killedWhileRunning >= 4, "the exports finished before they could be killed")
    }
}
