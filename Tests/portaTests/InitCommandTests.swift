import Foundation
import PortaTestSupport
import Testing

/// `porta init` drafts a porta.yml from a database; filled in, the draft passes
/// `porta sources check` and exports a bundle that verifies.
@Suite struct InitCommandTests {
    let folder = TemporaryFolder("porta-init")

    /// The TODOs a person fills in, filled as the test chooses.
    static func filled(_ draft: String, timeZone: String = "UTC") -> String {
        draft.replacingOccurrences(of: "  id: TODO", with: "  id: test-controller")
            .replacingOccurrences(of: "  name: TODO", with: "  name: Test AB")
            .replacingOccurrences(of: "  country: TODO", with: "  country: SE")
            .replacingOccurrences(of: "provenance: TODO", with: "provenance: provided")
            .replacingOccurrences(of: "legal-basis: TODO", with: "legal-basis: contract")
            .replacingOccurrences(of: "category: TODO", with: "category: general")
            .replacingOccurrences(of: "time-zone: TODO", with: "time-zone: \(timeZone)")
            .replacingOccurrences(of: "{ value: TODO }", with: "{ value: SEK }")
    }

    func draft(_ arguments: [String]) throws -> String {
        let run = try ExternalProcess.porta(["init"] + arguments)
        #expect(run.status == 0, "\(run.combined)")
        return run.standardOutput
    }

    func write(_ text: String, _ name: String) throws -> String {
        try text.write(toFile: folder.file(name), atomically: false, encoding: .utf8)
        return folder.file(name)
    }

    func check(_ config: String) throws -> ProcessOutput {
        try ExternalProcess.porta(["sources", "check", "--config", config])
    }

    @Test func theShopsDraftFilledInPassesTheCheckAndExportsABundleThatVerifies() throws {
        let sample = try SampleController()
        let config = try write(Self.filled(try draft(["--connector", "sqlite", "--path", sample.databasePath])), "shop.yml")
        let checked = try check(config)
        #expect(checked.status == 0, "\(checked.combined)")
        let export = try ExternalProcess.porta(["export", "--config", config, "--subject", SampleSubject.anna, "--purpose", "access",
                                                "--out", folder.file("out"), "--request-id", "init-1", "--created-at", SampleSubject.createdAt])
        #expect(export.status == 0, "\(export.combined)")
        let verify = try ExternalProcess.porta(["verify", folder.file("out/porta-init-1")])
        #expect(verify.status == 0, "\(verify.combined)")
    }

    @Test func theGymsDraftFilledInExportsItsOwnKindsInABundleThatVerifies() throws {
        let gym = try GymSample()
        let config = try write(Self.filled(try draft(["--connector", "sqlite", "--path", gym.folder.file("members.sqlite")])), "gym.yml")
        let checked = try check(config)
        #expect(checked.status == 0, "\(checked.combined)")
        let export = try ExternalProcess.porta(["export", "--config", config, "--subject", GymSample.sara, "--purpose", "access",
                                                "--out", folder.file("out"), "--request-id", "init-gym", "--created-at", SampleSubject.createdAt])
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.standardOutput.contains("  medlemskap: 2\n"), "\(export.standardOutput)")
        let verify = try ExternalProcess.porta(["verify", folder.file("out/porta-init-gym")])
        #expect(verify.status == 0, "\(verify.combined)")
    }

    @Test func theDraftGuessesIdentifiersMoneyAndTimes() throws {
        let gym = try GymSample()
        let text = try draft(["--connector", "sqlite", "--path", gym.folder.file("members.sqlite")])
        #expect(text.contains("      table: medlem\n      key: medlem_id\n      identifiers:\n"))
        #expect(text.contains("        personnummer: personnummer\n"))
        #expect(text.contains("manadsavgift: { amount: manadsavgift_ore, currency: { value: TODO }, minor-units: true }"), "\(text)")
        #expect(text.contains("belopp: { amount: belopp_ore, currency: valuta, minor-units: true }"))
        #expect(text.contains("bokad: { column: bokad, epoch: seconds }"))
        #expect(text.contains("betald: { column: betald, pattern: \"dd.MM.yyyy\" }"))
        #expect(text.contains("passStart: { column: pass_start, pattern: \"yyyy-MM-dd HH:mm\" }"))
        #expect(text.contains("autogiro: { type: boolean"))
        #expect(text.contains("medlemskapId: { type: reference, to: medlemskap"))
    }

    @Test func theDraftDecidesNoLegalBasisAndIsRefusedUntilFilledIn() throws {
        let sample = try SampleController()
        let text = try draft(["--connector", "sqlite", "--path", sample.databasePath])
        #expect(!text.contains("legal-basis: contract") && text.contains("legal-basis: TODO"))
        let refused = try check(try write(text, "unfilled.yml"))
        #expect(refused.status == 2, "\(refused.combined)")
        #expect(refused.standardError.contains("controller.id"), "\(refused.standardError)")
    }

    @Test func aSharedPhoneNumberNeverJoinsPeopleInTheDraft() throws {
        let text = try draft(["--connector", "postgresql", "--url-env", "PORTA_CRM_URL", "--password-env", "PORTA_CRM_PASSWORD"])
        #expect(text.contains("phone: { column: phone, unique: false }"), "\(text)")
    }

    @Test(arguments: [("PORTA_CRM_URL", "PORTA_CRM_PASSWORD"), ("PORTA_GYM_URL", "PORTA_GYM_PASSWORD")])
    func aPostgreSQLDraftFilledInPassesTheCheck(_ url: String, _ password: String) throws {
        let text = try draft(["--connector", "postgresql", "--url-env", url, "--password-env", password])
        #expect(text.contains("postgresql: { url-env: \(url), password-env: \(password) }"))
        #expect(!text.contains("porta-sample"), "the password is never written into the draft")
        let checked = try check(try write(Self.filled(text, timeZone: "Europe/Stockholm"), "pg.yml"))
        #expect(checked.status == 0, "\(checked.combined)")
    }

    @Test func aLocalTimeThatHappenedTwiceFailsTheFilledInDraftsCheckByRow() throws {
        let gym = try GymSample()
        let text = try draft(["--connector", "sqlite", "--path", gym.folder.file("members.sqlite")])
        let checked = try check(try write(Self.filled(text, timeZone: "Europe/Stockholm"), "gym.yml"))
        #expect(checked.status == 1, "\(checked.combined)")
        let line = try #require(checked.standardOutput.split(separator: "\n").first { $0.hasPrefix("FAIL") })
        #expect(line.contains("bokning") && line.contains("passStart fails on 1 (rows 101)"), "\(line)")
    }

    @Test func aMissingDatabaseCannotRun() throws {
        let run = try ExternalProcess.porta(["init", "--connector", "sqlite", "--path", folder.file("none.sqlite")])
        #expect(run.status == 2 && run.standardError.contains("not found"), "\(run.combined)")
    }
}
