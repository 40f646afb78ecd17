import Foundation
import PortaTestSupport
import Testing

/// `porta register` and the entries `porta export` makes in it.
@Suite struct RegisterCommandTests {
    @Test func exportsAreRecordedAndFoundWithoutPersonalData() throws {
        let sample = try SampleController(editConfig: SampleController.keepingRegister), out = TemporaryFolder()
        let export = try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna,
                                                "--out", out.path, "--request-id", "r1", "--received", "2026-10-01",
                                                "--created-at", SampleSubject.createdAt])
        #expect(export.status == 0, "\(export.combined)")
        let missing = try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", "email:nobody@example.org",
                                                 "--out", out.path, "--request-id", "r2"])
        #expect(missing.status == 1)
        let list = try ExternalProcess.porta(["register", "list", "--config", sample.configPath, "--format", "json"])
        #expect(list.status == 0, "\(list.combined)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["requestId"] as? String } == ["r1", "r2"])
        #expect(entries.map { $0["outcome"] as? String } == ["ok", "no-records"])
        #expect((entries[0]["bundleDigest"] as? String)?.count == 64)
        let find = try ExternalProcess.porta(["register", "find", "--config", sample.configPath, "--subject", SampleSubject.anna])
        #expect(find.standardOutput.contains("export r1"))
        let file = String(decoding: try Data(contentsOf: URL(fileURLWithPath: sample.folder.file("register.sqlite"))), as: UTF8.self)
        for personal in ["anna", "Svensson", "nobody", "example.se", "19850312", "4670"] {
            #expect(!file.contains(personal), "register holds \(personal)")
        }
    }

    @Test func dueExitsOneWhileARequestIsOverdue() throws {
        let sample = try SampleController(editConfig: SampleController.keepingRegister)
        let receive = try ExternalProcess.porta(["register", "receive", "--config", sample.configPath, "--request-id", "r9",
                                                 "--purpose", "access", "--subject", SampleSubject.anna, "--received", "2026-01-31"])
        #expect(receive.standardOutput.contains("due 2026-02-28"), "\(receive.combined)")
        let early = try ExternalProcess.porta(["register", "due", "--config", sample.configPath, "--today", "2026-02-28"])
        #expect(early.status == 0)
        let late = try ExternalProcess.porta(["register", "due", "--config", sample.configPath, "--today", "2026-03-01"])
        #expect(late.status == 1)
        #expect(late.standardOutput.contains("r9 received 2026-01-31 due 2026-02-28: OPEN"))
    }

    @Test func aConfiguredRegisterWithoutItsSecretStopsTheExportBeforeAnyWork() throws {
        let sample = try SampleController(editConfig: SampleController.keepingRegister), out = TemporaryFolder()
        let export = try ExternalProcess.run("env", ["-u", "PORTA_REGISTER_SECRET", ExternalProcess.portaBinary, "export",
                                                     "--config", sample.configPath, "--subject", SampleSubject.anna, "--out", out.path],
                                             environment: SampleServices.environment.filter { $0.key != "PORTA_REGISTER_SECRET" })
        #expect(export.status == 2)
        #expect(export.standardError.contains("PORTA_REGISTER_SECRET"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}
