import Foundation
import PortaTestSupport
import Testing

/// The built `porta` binary, run as a user would: output and exit codes.
@Suite struct CommandLineTests {
    func exportSample(_ sample: SampleController, into out: TemporaryFolder, subject: String = SampleSubject.anna,
                      extra: [String] = []) throws -> ProcessOutput {
        try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", subject, "--purpose", "portability",
                                   "--out", out.path, "--created-at", SampleSubject.createdAt, "--request-id", "req-1"] + extra)
    }

    @Test func exportThenVerifyExitsZero() throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let export = try exportSample(sample, into: out)
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.standardOutput.contains("bundle: \(out.path)/porta-req-1"))
        #expect(export.standardOutput.contains("excluded: 19"))
        #expect(export.standardOutput.contains("  storefront (mysql): 4 kept, 1 left out"))
        #expect(export.standardOutput.contains("  crm (postgresql): 5 kept, 1 left out"))
        #expect(export.standardOutput.contains("  support (http): 3 kept, 0 left out"))
        let verify = try ExternalProcess.porta(["verify", out.path + "/porta-req-1"])
        #expect(verify.status == 0, "\(verify.combined)")
        #expect(verify.standardOutput.contains("level 1 bag: pass"))
    }

    @Test func aPortabilityExportUnderAContractOnlyPolicyWarnsNamingTheArticle() throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let export = try exportSample(sample, into: out)
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.standardError.contains("warning: policy: portability bundles keep data processed under contract only"))
        #expect(export.standardError.contains("Art. 20(1)(a)"))
        let access = try exportSample(sample, into: TemporaryFolder(), extra: ["--purpose", "access"])
        #expect(!access.standardError.contains("Art. 20(1)(a)"), "an access request keeps everything")
    }

    @Test func languageChoosesThePagesLanguage() throws {
        let sample = try SampleController(), swedish = TemporaryFolder(), english = TemporaryFolder()
        #expect(try exportSample(sample, into: swedish).status == 0)
        #expect(try exportSample(sample, into: english, extra: ["--language", "en-GB"]).status == 0)
        let page = { (folder: TemporaryFolder) in
            (try? String(contentsOfFile: folder.path + "/porta-req-1/data/index.html", encoding: .utf8)) ?? ""
        }
        #expect(page(swedish).contains("<html lang=\"sv\">") && page(swedish).contains("Dina personuppgifter"))
        #expect(page(english).contains("<html lang=\"en\">") && page(english).contains("Your personal data"))
    }

    @Test func verifyOfATamperedBundleExitsOneNamingTheFile() throws {
        let sample = try SampleController(), out = TemporaryFolder()
        #expect(try exportSample(sample, into: out).status == 0)
        try BagFiles.flipByte(of: out.path + "/porta-req-1/data/json/order-line.json", at: 10)
        let verify = try ExternalProcess.porta(["verify", out.path + "/porta-req-1"])
        #expect(verify.status == 1)
        #expect(verify.standardOutput.contains("data/json/order-line.json"))
        #expect(verify.standardOutput.contains("checksum-mismatch"))
    }

    @Test func verifyOfSeveralBundlesFailsIfAnyFails() throws {
        let sample = try SampleController(), good = TemporaryFolder(), bad = TemporaryFolder()
        #expect(try exportSample(sample, into: good).status == 0)
        #expect(try exportSample(sample, into: bad).status == 0)
        try FileManager.default.removeItem(atPath: bad.path + "/porta-req-1/data/json/person.json")
        let verify = try ExternalProcess.porta(["verify", good.path + "/porta-req-1", bad.path + "/porta-req-1"])
        #expect(verify.status == 1)
        #expect(verify.standardOutput.contains("missing-file"))
    }

    @Test func verifyOfNothingCouldNotRun() throws {
        let verify = try ExternalProcess.porta(["verify", "/nonexistent/porta-bundle"])
        #expect(verify.status == 2)
        #expect(verify.standardError.contains("no such bundle"))
    }

    @Test func anUnknownSubjectExitsOneWithoutABundle() throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let export = try exportSample(sample, into: out, subject: "email:nobody@example.se")
        #expect(export.status == 1)
        #expect(export.standardError.contains("no records for this subject"))
        #expect(!export.standardError.contains("nobody"))
        #expect(!FileManager.default.fileExists(atPath: out.path + "/porta-req-1"))
    }

    @Test func aBrokenSourceRowExitsOneNamingTheRow() throws {
        let sample = try SampleController(), out = TemporaryFolder()
        try sample.execute("UPDATE addresses SET country = 'Sverige' WHERE id = 11")
        let export = try exportSample(sample, into: out)
        #expect(export.status == 1)
        #expect(export.standardError.contains("table addresses, row 11: country"))
        #expect(!export.standardError.contains("Storgatan"))
    }

    @Test func aConfigErrorCouldNotRunAndNamesTheKey() throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "legal-basis: contract", with: "legal-basis: contrakt") })
        let export = try exportSample(sample, into: TemporaryFolder())
        #expect(export.status == 2)
        #expect(export.standardError.contains("sources[0].records[0].legal-basis: must be one of consent, contract"))
    }

    @Test func anInvalidSubjectCouldNotRun() throws {
        let sample = try SampleController()
        let export = try exportSample(sample, into: TemporaryFolder(), subject: "personnummer:850312-1232")
        #expect(export.status == 2)
        #expect(export.standardError.contains("check digit"))
    }

    @Test func aUsageErrorCouldNotRun() throws {
        let run = try ExternalProcess.porta(["export", "--config", "porta.yml"])
        #expect(run.status == 2)
    }

    @Test func theSameCommandTwiceGivesTheSameDigest() throws {
        let sample = try SampleController(), first = TemporaryFolder(), second = TemporaryFolder()
        let one = try exportSample(sample, into: first), two = try exportSample(sample, into: second)
        let digest = { (output: ProcessOutput) in output.standardOutput.split(separator: "\n").first { $0.hasPrefix("digest:") } }
        #expect(digest(one) != nil)
        #expect(digest(one) == digest(two))
    }

    @Test func verboseLogsCountsButNoPersonalData() throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let export = try exportSample(sample, into: out, extra: ["--verbose"])
        #expect(export.status == 0)
        #expect(export.standardError.contains("bundle written"))
        for personal in ["anna", "Svensson", "070", "+4670", "19850312", "Storgatan"] {
            #expect(!export.standardError.contains(personal), "log holds \(personal)")
        }
    }
}

/// The four tamperings the foundation issue names, each through the command: exit 1, file named.
@Suite struct TamperedBundleCommandTests {
    enum Tampering: String, CaseIterable, CustomTestStringConvertible {
        case changedByte, missingFile, extraFile, wrongPayloadOxum
        var testDescription: String { rawValue }
    }

    @Test(arguments: Tampering.allCases)
    func verifyExitsOneAndNamesTheFile(_ tampering: Tampering) async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(into: out.path).bundlePath
        let named: String
        switch tampering {
        case .changedByte:
            named = "data/json/postal-address.json"
            try BagFiles.flipByte(of: bundle + "/" + named, at: 100)
        case .missingFile:
            named = "data/json/email-address.json"
            try FileManager.default.removeItem(atPath: bundle + "/" + named)
        case .extraFile:
            named = "data/json/notes.txt"
            try BagFiles.write("added later", to: bundle + "/" + named)
        case .wrongPayloadOxum:
            named = "bag-info.txt"
            try BagFiles.setPayloadOxum("99.7", inBag: bundle)
        }
        let verify = try ExternalProcess.porta(["verify", bundle])
        #expect(verify.status == 1, "\(verify.combined)")
        #expect(verify.standardOutput.contains(named))
        #expect(verify.standardOutput.contains("result: INVALID"))
    }
}
