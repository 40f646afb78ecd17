import Foundation
import PortaTestSupport
import Testing

/// `porta import --mapping receiver.yml --target …`: into the receiver's own tables.
@Suite struct ReceiverImportCommandTests {
    let folder = TemporaryFolder("porta-receiver-cli")

    func exportAnna() throws -> String {
        let sample = try SampleController()
        let run = try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna, "--purpose", "access",
                                             "--out", folder.file("out"), "--request-id", "req-1", "--created-at", SampleSubject.createdAt])
        #expect(run.status == 0, "\(run.combined)")
        return folder.file("out/porta-req-1")
    }

    @Test func importPrintsWhatBecameOfEachTableAndWhatItSkipped() throws {
        let bundle = try exportAnna(), receiver = try ReceiverSample()
        let run = try ExternalProcess.porta(["import", bundle, "--mapping", receiver.mappingPath, "--target", "sqlite:" + receiver.databasePath])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("  kundorder: 4 inserted, 0 updated, 0 unchanged\n"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("  message: 5 (not in the mapping)\n"))
        let again = try ExternalProcess.porta(["import", bundle, "--mapping", receiver.mappingPath, "--target", "sqlite:" + receiver.databasePath])
        #expect(again.status == 0 && again.standardOutput.hasPrefix("already imported"), "\(again.combined)")
    }

    @Test func anImportIntoOwnTablesIsRecordedInTheRegister() throws {
        let bundle = try exportAnna(), receiver = try ReceiverSample(), register = folder.file("register.sqlite")
        let run = try ExternalProcess.porta(["import", bundle, "--mapping", receiver.mappingPath, "--target", "sqlite:" + receiver.databasePath,
                                             "--register", register])
        #expect(run.status == 0, "\(run.combined)")
        let listed = try ExternalProcess.porta(["register", "find", "--register", register, "--subject", SampleSubject.anna, "--format", "csv"])
        let actions = listed.standardOutput.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",")[1] }
        #expect(actions == ["import"], "\(listed.combined)")
    }

    @Test func aDryRunSaysWhatItWouldDoAndWritesNothing() throws {
        let bundle = try exportAnna(), receiver = try ReceiverSample()
        let before = FileManager.default.contents(atPath: receiver.databasePath)
        let run = try ExternalProcess.porta(["import", bundle, "--mapping", receiver.mappingPath, "--target", "sqlite:" + receiver.databasePath,
                                             "--dry-run"])
        #expect(run.status == 0 && run.standardOutput.hasPrefix("dry run, nothing written"), "\(run.combined)")
        #expect(run.standardOutput.contains("  orderrad: 3 inserted"))
        #expect(FileManager.default.contents(atPath: receiver.databasePath) == before)
    }

    @Test func aConflictExitsOneAndAMappingThatDoesNotFitExitsTwo() throws {
        let bundle = try exportAnna()
        let conflicting = try ReceiverSample(editMapping: { $0.replacingOccurrences(of: "    match: [epost]\n", with: "") })
        try conflicting.execute("INSERT INTO kund (kund_id) VALUES (90); INSERT INTO kund_epost (kund_id, epost) VALUES (90, 'anna.svensson@example.se')")
        let conflict = try ExternalProcess.porta(["import", bundle, "--mapping", conflicting.mappingPath, "--target", "sqlite:" + conflicting.databasePath])
        #expect(conflict.status == 1 && conflict.standardError.contains("kund_epost"), "\(conflict.combined)")
        let unfitting = try ReceiverSample(editMapping: { $0.replacingOccurrences(of: "table: kundorder", with: "table: ordrar") })
        let mismatch = try ExternalProcess.porta(["import", bundle, "--mapping", unfitting.mappingPath, "--target", "sqlite:" + unfitting.databasePath])
        #expect(mismatch.status == 2 && mismatch.standardError.contains("table ordrar does not exist"), "\(mismatch.combined)")
    }

    @Test func intoPostgreSQLWithTheURLAndPasswordFromTheEnvironment() throws {
        let bundle = try exportAnna(), schema = try ReceiverSample.makePostgresSchema()
        let run = try ExternalProcess.porta(["import", bundle, "--mapping", Repository.path("samples/receiver/receiver.yml"), "--target", "postgresql",
                                             "--url-env", "PORTA_RECEIVER_URL", "--password-env", "PORTA_RECEIVER_PASSWORD", "--schema", schema])
        #expect(run.status == 0, "\(run.combined)")
        #expect(try ReceiverSample.psql("SET search_path TO \(schema); SELECT count(*) FROM orderrad") == "3\n")
        #expect(!run.combined.contains("porta-sample"))
    }

    @Test func aKilledImportLeavesTheTablesAsTheyWereOrFullyImported() throws {
        let work = TemporaryFolder("porta-kill")
        let config = try ExternalProcess.run(Repository.path("scripts/shop-only-config.sh"), [])
        try config.standardOutput.write(toFile: work.file("porta.yml"), atomically: false, encoding: .utf8)
        let shop = try ExternalProcess.run(Repository.path("samples/retailer/make-heavy-shop.sh"), [work.file("shop.sqlite"), "20000"])
        #expect(shop.status == 0, "\(shop.combined)")
        let export = try ExternalProcess.porta(["export", "--quiet", "--config", work.file("porta.yml"), "--subject", "email:heavy@example.se",
                                                "--purpose", "access", "--out", work.file("out"), "--request-id", "heavy",
                                                "--created-at", SampleSubject.createdAt])
        #expect(export.status == 0, "\(export.combined)")
        let receiver = try ReceiverSample()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalProcess.portaBinary)
        process.arguments = ["import", work.file("out/porta-heavy"), "--mapping", receiver.mappingPath, "--target", "sqlite:" + receiver.databasePath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The rollback journal exists exactly while the import's write transaction is open.
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: receiver.databasePath + "-journal") && process.isRunning && Date() < deadline {
            usleep(5_000)
        }
        usleep(200_000)
        let killedInside = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(killedInside, "the import ended before it could be killed inside its transaction")
        let orders = try ExternalProcess.run("sqlite3", [receiver.databasePath, "PRAGMA integrity_check; SELECT count(*) FROM kundorder;"])
        #expect(orders.standardOutput == "ok\n0\n" || orders.standardOutput == "ok\n2000\n", "\(orders.combined)")
        let lines = try ExternalProcess.run("sqlite3", [receiver.databasePath, "SELECT count(*) FROM orderrad"])
        #expect(lines.standardOutput == (orders.standardOutput.hasSuffix("\n0\n") ? "0\n" : "17000\n"), "\(lines.combined)")
    }
}
