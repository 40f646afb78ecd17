import Foundation
import PortaTestSupport
import Testing

/// `porta verify`'s reports for machines: JSON on standard output and a JUnit file, both valid
/// against the schemas in `formats/`, and a folder of bundles checked bundle by bundle.
@Suite struct VerifyReportTests {
    /// A valid and a broken bundle side by side in one folder.
    func twoBundles() async throws -> TemporaryFolder {
        let sample = try SampleController(), folder = TemporaryFolder("porta-bundles")
        let good = try await sample.export(requestID: "good", into: folder.path).bundlePath
        let bad = try await sample.export(requestID: "bad", into: folder.path).bundlePath
        #expect(good.hasSuffix("porta-good"))
        try BagFiles.flipByte(of: bad + "/data/json/order.json", at: 40)
        return folder
    }

    @Test func aFolderOfBundlesIsCheckedBundleByBundle() async throws {
        let folder = try await twoBundles()
        let verify = try ExternalProcess.porta(["verify", folder.path])
        #expect(verify.status == 1, "\(verify.combined)")
        #expect(verify.standardOutput.contains("bundle \(folder.path)/porta-bad"))
        #expect(verify.standardOutput.contains("bundle \(folder.path)/porta-good"))
        #expect(verify.standardOutput.components(separatedBy: "result: valid").count == 2)
    }

    @Test func theJSONReportValidatesAgainstItsSchema() async throws {
        let folder = try await twoBundles()
        let verify = try ExternalProcess.porta(["verify", "--format", "json", folder.path, "/nonexistent/bundle"])
        #expect(verify.status == 2)
        let report = folder.path + "/report.json"
        try verify.standardOutput.write(toFile: report, atomically: false, encoding: .utf8)
        let check = try PeerTool.checkJSONSchema(Repository.path("formats/reports/verify-report.schema.json"), [report])
        #expect(check.status == 0, "\(check.combined)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        let bundles = try #require(document?["bundles"] as? [[String: Any]])
        #expect(bundles.map { $0["result"] as? String } == ["invalid", "valid", "error"])
        #expect(document?["exitStatus"] as? Int == 2)
    }

    @Test func theJUnitReportValidatesAndHasOneCasePerLevelPerBundle() async throws {
        let folder = try await twoBundles()
        let junit = folder.path + "/report.xml"
        let verify = try ExternalProcess.porta(["verify", "--junit", junit, folder.path])
        #expect(verify.status == 1)
        let check = try PeerTool.xmllintSchema(Repository.path("formats/reports/junit-report.xsd"), [junit])
        #expect(check.status == 0, "\(check.combined)")
        let text = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(text.components(separatedBy: "<testcase ").count - 1 == 10)
        #expect(text.contains("<testsuites name=\"porta verify\" tests=\"10\" failures=\"4\" errors=\"0\" skipped=\"2\">"))
        #expect(text.contains("<failure type=\"checksum-mismatch\""))
    }

    @Test func requiringASignatureWithoutTrustedKeysCannotRun() throws {
        let verify = try ExternalProcess.porta(["verify", "--require-signature", "/nonexistent/bundle"])
        #expect(verify.status == 2)
        #expect(verify.standardError.contains("--require-signature needs --trusted-keys"))
    }

    @Test func levelStopsAfterTheLevelGiven() async throws {
        let folder = try await twoBundles()
        let verify = try ExternalProcess.porta(["verify", "--level", "2", folder.path + "/porta-good"])
        #expect(verify.status == 0)
        #expect(verify.standardOutput.contains("level 2 formats: pass"))
        #expect(!verify.standardOutput.contains("level 3"))
    }
}

/// The CI example in `samples/ci/` does what it says.
@Suite struct CIExampleTests {
    @Test func theWorkflowsVerifyStepPassesOnAnExportAndWritesValidJUnit() async throws {
        let workflow = try String(contentsOfFile: Repository.path("samples/ci/porta-verify.yml"), encoding: .utf8)
        let line = try #require(workflow.split(separator: "\n").first { $0.contains("run: .build/release/porta verify") })
        let command = line.components(separatedBy: "porta verify ")[1].components(separatedBy: " >")[0]
        let arguments = command.split(separator: " ").map(String.init)
        #expect(arguments == ["--junit", "porta-verify.xml", "--format", "json", "bundles"])
        let folder = TemporaryFolder("porta-ci")
        _ = try await SampleController().export(requestID: "ci", into: folder.path + "/bundles")
        let verify = try ExternalProcess.porta(["verify"] + arguments, in: folder.path)
        #expect(verify.status == 0, "\(verify.combined)")
        #expect(verify.standardOutput.contains("\"result\": \"valid\""))
        let junit = try PeerTool.xmllintSchema(Repository.path("formats/reports/junit-report.xsd"), [folder.path + "/porta-verify.xml"])
        #expect(junit.status == 0, "\(junit.combined)")
    }
}
