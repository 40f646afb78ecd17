import Foundation
import Logging
import PortaConnectors
import PortaExport
import PortaImport
import PortaModel
import PortaTestSupport
import Testing

/// A Porta bundle of the sample subject in a temporary folder, to break in one way per test.
struct SampleBundle {
    let sample: SampleController
    let out = TemporaryFolder("porta-bundle")
    let path: String

    init() throws {
        sample = try SampleController()
        let request = try ExportRequest(subject: [try SubjectIdentifier(parsing: SampleSubject.anna)], purpose: .portability,
                                        requestID: "req-1", createdAt: try Timestamp(parsing: SampleSubject.createdAt))
        path = try Exporter(config: try PortaConfig.load(from: sample.configPath), logger: Logger(label: "test"))
            .export(request, into: out.path).bundlePath
    }

    func file(_ relative: String) -> String { path + "/" + relative }

    func verify() throws -> VerificationReport { try BundleVerifier(maxLevel: 1).verify(path) }

    /// The findings' codes and paths, `code path`.
    func findings() throws -> [String] {
        try verify().findings.map { "\($0.code) \($0.path ?? "-")" }
    }
}

@Suite struct BagCheckerTests {
    @Test func aFreshBundlePasses() throws {
        let bundle = try SampleBundle()
        let report = try bundle.verify()
        #expect(report.isValid, "\(report.text)")
        #expect(report.levels.map(\.name) == ["bag"])
    }

    @Test func aChangedByteIsFoundInItsFile() throws {
        let bundle = try SampleBundle()
        try BagFiles.flipByte(of: bundle.file("data/json/order.json"), at: 40)
        let findings = try bundle.verify().findings
        #expect(findings.map(\.code) == ["checksum-mismatch"])
        #expect(findings[0].path == "data/json/order.json")
        #expect(findings[0].message.contains("manifest-sha256.txt line"))
    }

    @Test func aMissingPayloadFileIsNamed() throws {
        let bundle = try SampleBundle()
        try FileManager.default.removeItem(atPath: bundle.file("data/json/person.json"))
        let findings = try bundle.findings()
        #expect(findings.contains("missing-file data/json/person.json"))
        #expect(findings.contains("payload-oxum-mismatch bag-info.txt"))
    }

    @Test func anExtraPayloadFileIsNamed() throws {
        let bundle = try SampleBundle()
        try BagFiles.write("{}", to: bundle.file("data/json/extra.json"))
        let findings = try bundle.findings()
        #expect(findings.contains("extra-file data/json/extra.json"))
        #expect(findings.contains("payload-oxum-mismatch bag-info.txt"))
    }

    @Test func aWrongPayloadOxumIsFound() throws {
        let bundle = try SampleBundle()
        let info = try String(contentsOfFile: bundle.file("bag-info.txt"), encoding: .utf8)
        let oxum = try #require(info.split(separator: "\n").first { $0.hasPrefix("Payload-Oxum: ") })
        try BagFiles.replace(String(oxum), with: "Payload-Oxum: 1.7", in: bundle.file("bag-info.txt"))
        let findings = try bundle.verify().findings
        #expect(findings.map { "\($0.code) \($0.path!)" }.contains("payload-oxum-mismatch bag-info.txt"))
        #expect(findings.map { "\($0.code) \($0.path!)" }.contains("checksum-mismatch bag-info.txt"))
        #expect(findings.first { $0.code == "payload-oxum-mismatch" }?.found == "1.7")
    }

    @Test func anEditedTagFileIsCaughtByTheTagManifest() throws {
        let bundle = try SampleBundle()
        try BagFiles.replace("\"purpose\": \"portability\"", with: "\"purpose\": \"access\"", in: bundle.file("porta-manifest.json"))
        #expect(try bundle.findings() == ["checksum-mismatch porta-manifest.json"])
    }

    @Test func aMissingTagFileIsNamed() throws {
        let bundle = try SampleBundle()
        try FileManager.default.removeItem(atPath: bundle.file("porta-manifest.json"))
        #expect(try bundle.findings() == ["missing-tag-file porta-manifest.json"])
    }

    @Test func aBadDeclarationIsFound() throws {
        let bundle = try SampleBundle()
        try BagFiles.replace("BagIt-Version: 1.0", with: "BagIt-Version: 2.0", in: bundle.file("bagit.txt"))
        #expect(try bundle.findings().contains("unsupported-version bagit.txt"))
    }

    @Test func aMissingDeclarationIsFound() throws {
        let bundle = try SampleBundle()
        try FileManager.default.removeItem(atPath: bundle.file("bagit.txt"))
        #expect(try bundle.findings().contains("missing-tag-file bagit.txt"))
    }

    @Test func aManifestPathLeavingTheBagIsUnsafe() throws {
        let bundle = try SampleBundle()
        let manifest = bundle.file("manifest-sha256.txt")
        try BagFiles.write(try String(contentsOfFile: manifest, encoding: .utf8)
                           + String(repeating: "0", count: 64) + "  data/../../etc/passwd\n", to: manifest)
        let findings = try bundle.verify().findings
        #expect(findings.contains { $0.code == "unsafe-path" && $0.path == "manifest-sha256.txt" && $0.line == 8 })
    }

    @Test func anAbsoluteManifestPathIsUnsafe() throws {
        let bundle = try SampleBundle()
        let manifest = bundle.file("manifest-sha256.txt")
        try BagFiles.write(try String(contentsOfFile: manifest, encoding: .utf8)
                           + String(repeating: "0", count: 64) + "  /etc/passwd\n", to: manifest)
        #expect(try bundle.verify().findings.contains { $0.code == "unsafe-path" })
    }

    @Test func aMalformedManifestLineIsNamedByLine() throws {
        let bundle = try SampleBundle()
        let manifest = bundle.file("manifest-sha256.txt")
        try BagFiles.write(try String(contentsOfFile: manifest, encoding: .utf8) + "not-a-checksum\n", to: manifest)
        #expect(try bundle.verify().findings.contains { $0.code == "bad-manifest-line" && $0.line == 8 })
    }

    @Test func crlfManifestLinesAreAcceptedAsRFC8493Allows() throws {
        let bundle = try SampleBundle()
        let manifest = bundle.file("manifest-sha256.txt")
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try BagFiles.write(text.replacingOccurrences(of: "\n", with: "\r\n"), to: manifest)
        // The tag manifest pins the old bytes, so exactly that is found, and no payload problem.
        #expect(try bundle.findings() == ["checksum-mismatch manifest-sha256.txt"])
    }

    @Test func aSymlinkInThePayloadIsFoundAndNotFollowed() throws {
        let bundle = try SampleBundle()
        try FileManager.default.createSymbolicLink(atPath: bundle.file("data/json/link.json"), withDestinationPath: "/etc/passwd")
        let findings = try bundle.findings()
        #expect(findings.contains("symlink data/json/link.json"))
        #expect(!findings.contains { $0.contains("extra-file data/json/link.json") })
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() throws {
        let bundle = try SampleBundle()
        try BagFiles.flipByte(of: bundle.file("data/json/order.json"))
        try BagFiles.flipByte(of: bundle.file("data/json/person.json"))
        try FileManager.default.removeItem(atPath: bundle.file("data/json/identifier.json"))
        #expect(try bundle.verify().findings.count >= 4)
    }

    @Test func findingsNeverQuoteRecordContents() throws {
        let bundle = try SampleBundle()
        try BagFiles.replace("Storgatan 1", with: "Storgatan 2", in: bundle.file("data/json/postal-address.json"))
        let text = try bundle.verify().text
        #expect(text.contains("data/json/postal-address.json"))
        #expect(!text.contains("Storgatan"))
    }

    @Test func aMissingBundleCannotBeVerified() {
        #expect(throws: VerifyError.self) { try BundleVerifier().verify("/nonexistent/bundle") }
    }

    @Test func agreesWithBagitPythonOnAValidAndATamperedBag() throws {
        let bundle = try SampleBundle()
        #expect(try PeerTool.bagitValidate(bundle.path).status == 0)
        #expect(try bundle.verify().isValid)
        try BagFiles.flipByte(of: bundle.file("data/json/phone-number.json"), at: 3)
        #expect(try PeerTool.bagitValidate(bundle.path).status != 0)
        #expect(try !bundle.verify().isValid)
    }
}

@Suite struct UnicodePathTests {
    /// A bag with one payload file named `café.txt`, spelled on disk and in the manifest as given.
    func bag(disk: String, manifest: String) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try BagFiles.write("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", to: folder.file("bagit.txt"))
        try BagFiles.write("x", to: folder.file("data/" + disk))
        try BagFiles.write("Payload-Oxum: 1.1\n", to: folder.file("bag-info.txt"))
        try BagFiles.write("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  data/\(manifest)\n",
                           to: folder.file("manifest-sha256.txt"))
        let tags = try ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"].map { (name: String) throws -> String in
            let sum = try ExternalProcess.run("sha256sum", [folder.file(name)]).standardOutput.prefix(64)
            return "\(sum)  \(name)\n"
        }.joined()
        try BagFiles.write(tags, to: folder.file("tagmanifest-sha256.txt"))
        return folder
    }

    @Test(arguments: [("caf\u{E9}.txt", "cafe\u{301}.txt"), ("cafe\u{301}.txt", "caf\u{E9}.txt"), ("caf\u{E9}.txt", "caf\u{E9}.txt")])
    func aFileIsFoundWhicheverNormalisationEachSideUses(_ disk: String, _ manifest: String) throws {
        let folder = try bag(disk: disk, manifest: manifest)
        let report = try BundleVerifier().verify(folder.path)
        #expect(report.isValid, "\(report.text)")
    }
}
