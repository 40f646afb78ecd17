import Foundation
import PortaModel
import PortaTestSupport
import PortaVerify
import Testing

@Suite struct BagReaderTests {
    @Test func aFreshBundlePasses() async throws {
        let bundle = try await SampleBundle.make()
        let report = try bundle.verify()
        #expect(report.isValid, "\(report.text)")
        #expect(report.levels.map(\.name) == ["bag"])
    }

    @Test func aChangedByteIsFoundInItsFile() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.flipByte(of: bundle.file("data/json/order.json"), at: 40)
        let findings = try bundle.verify().findings
        #expect(findings.map(\.code) == ["checksum-mismatch"])
        #expect(findings[0].path == "data/json/order.json")
        #expect(findings[0].message.contains("manifest-sha256.txt line"))
    }

    @Test func aMissingPayloadFileIsNamed() async throws {
        let bundle = try await SampleBundle.make()
        try FileManager.default.removeItem(atPath: bundle.file("data/json/person.json"))
        let findings = try bundle.findings()
        #expect(findings.contains("missing-file data/json/person.json"))
        #expect(findings.contains("payload-oxum-mismatch bag-info.txt"))
    }

    @Test func anExtraPayloadFileIsNamed() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.write("{}", to: bundle.file("data/json/extra.json"))
        let findings = try bundle.findings()
        #expect(findings.contains("extra-file data/json/extra.json"))
        #expect(findings.contains("payload-oxum-mismatch bag-info.txt"))
    }

    @Test func aWrongPayloadOxumIsFound() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.setPayloadOxum("1.7", inBag: bundle.path)
        let findings = try bundle.verify().findings
        #expect(findings.map { "\($0.code) \($0.path!)" }.contains("payload-oxum-mismatch bag-info.txt"))
        #expect(findings.map { "\($0.code) \($0.path!)" }.contains("checksum-mismatch bag-info.txt"))
        #expect(findings.first { $0.code == "payload-oxum-mismatch" }?.found == "1.7")
    }

    @Test func anEditedTagFileIsCaughtByTheTagManifest() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.replace("\"purpose\": \"portability\"", with: "\"purpose\": \"access\"", in: bundle.file("porta-manifest.json"))
        #expect(try bundle.findings() == ["checksum-mismatch porta-manifest.json"])
    }

    @Test func aMissingTagFileIsNamed() async throws {
        let bundle = try await SampleBundle.make()
        try FileManager.default.removeItem(atPath: bundle.file("porta-manifest.json"))
        #expect(try bundle.findings() == ["missing-tag-file porta-manifest.json"])
    }

    @Test func aBadDeclarationIsFound() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.replace("BagIt-Version: 1.0", with: "BagIt-Version: 2.0", in: bundle.file("bagit.txt"))
        #expect(try bundle.findings().contains("unsupported-version bagit.txt"))
    }

    @Test func aMissingDeclarationIsFound() async throws {
        let bundle = try await SampleBundle.make()
        try FileManager.default.removeItem(atPath: bundle.file("bagit.txt"))
        #expect(try bundle.findings().contains("missing-tag-file bagit.txt"))
    }

    @Test func aManifestPathLeavingTheBagIsUnsafe() async throws {
        let bundle = try await SampleBundle.make()
        let manifest = bundle.file("manifest-sha256.txt")
        let line = try BagFiles.lineCount(of: manifest) + 1
        try BagFiles.append(String(repeating: "0", count: 64) + "  data/../../etc/passwd\n", to: manifest)
        let findings = try bundle.verify().findings
        #expect(findings.contains { $0.code == "unsafe-path" && $0.path == "manifest-sha256.txt" && $0.line == line })
    }

    @Test func anAbsoluteManifestPathIsUnsafe() async throws {
        let bundle = try await SampleBundle.make()
        let manifest = bundle.file("manifest-sha256.txt")
        try BagFiles.append(String(repeating: "0", count: 64) + "  /etc/passwd\n", to: manifest)
        #expect(try bundle.verify().findings.contains { $0.code == "unsafe-path" })
    }

    @Test func aMalformedManifestLineIsNamedByLine() async throws {
        let bundle = try await SampleBundle.make()
        let manifest = bundle.file("manifest-sha256.txt")
        let line = try BagFiles.lineCount(of: manifest) + 1
        try BagFiles.append("not-a-checksum\n", to: manifest)
        #expect(try bundle.verify().findings.contains { $0.code == "bad-manifest-line" && $0.line == line })
    }

    @Test func crlfManifestLinesAreAcceptedAsRFC8493Allows() async throws {
        let bundle = try await SampleBundle.make()
        let manifest = bundle.file("manifest-sha256.txt")
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try BagFiles.write(text.replacingOccurrences(of: "\n", with: "\r\n"), to: manifest)
        // The tag manifest pins the old bytes, so exactly that is found, and no payload problem.
        #expect(try bundle.findings() == ["checksum-mismatch manifest-sha256.txt"])
    }

    @Test func aSymlinkInThePayloadIsFoundAndNotFollowed() async throws {
        let bundle = try await SampleBundle.make()
        try FileManager.default.createSymbolicLink(atPath: bundle.file("data/json/link.json"), withDestinationPath: "/etc/passwd")
        let findings = try bundle.findings()
        #expect(findings.contains("symlink data/json/link.json"))
        #expect(!findings.contains { $0.contains("extra-file data/json/link.json") })
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.flipByte(of: bundle.file("data/json/order.json"))
        try BagFiles.flipByte(of: bundle.file("data/json/person.json"))
        try FileManager.default.removeItem(atPath: bundle.file("data/json/identifier.json"))
        #expect(try bundle.verify().findings.count >= 4)
    }

    @Test func findingsNeverQuoteRecordContents() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.replace("Storgatan 1", with: "Storgatan 2", in: bundle.file("data/json/postal-address.json"))
        let text = try bundle.verify().text
        #expect(text.contains("data/json/postal-address.json"))
        #expect(!text.contains("Storgatan"))
    }

    @Test func aMissingBundleCannotBeVerified() {
        #expect(throws: VerifyError.self) { try BundleVerifier().verify("/nonexistent/bundle") }
    }

    @Test func agreesWithBagitPythonOnAValidAndATamperedBag() async throws {
        let bundle = try await SampleBundle.make()
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
    func aFileIsFoundWhicheverNormalisationEachSideUses(_ disk: String, _ manifest: String) async throws {
        let folder = try bag(disk: disk, manifest: manifest)
        let report = try BundleVerifier(maxLevel: 1).verify(folder.path)
        #expect(report.isValid, "\(report.text)")
    }
}

/// Bags made by bagit-python itself: Porta's level-1 verdict must equal bagit-python's.
@Suite struct BagitPythonAgreementTests {
    /// A folder turned into a bag in place by `bagit.py` (BagIt 0.97, SHA-256 and SHA-512).
    func bagitPythonBag() throws -> TemporaryFolder {
        let folder = TemporaryFolder("porta-bagit-py")
        try BagFiles.write("{\"a\": 1}\n", to: folder.file("records.json"))
        try BagFiles.write("Å, ä och ö\r\n", to: folder.file("nested/text.txt"))
        try PeerTool.require("bagit.py")
        let made = try ExternalProcess.run("bagit.py", ["--sha256", "--sha512", folder.path])
        #expect(made.status == 0, "\(made.combined)")
        return folder
    }

    /// bagit-python's verdict, and Porta's by RFC 8493 alone: its porta/1 profile findings (a
    /// bagit-python bag is BagIt 0.97, which the profile does not accept) are reported apart.
    func verdicts(_ folder: TemporaryFolder) throws -> (bagitPython: Bool, porta: Bool, findings: [String]) {
        let rfc = try BundleVerifier(maxLevel: 1).verify(folder.path).findings.filter { !$0.isProfileRule }
        return (try PeerTool.bagitValidate(folder.path).status == 0, rfc.isEmpty, rfc.map(\.code))
    }

    @Test func aBagitPythonBagOfBagIt097IsAProfileFindingOnly() throws {
        let folder = try bagitPythonBag()
        let findings = try BundleVerifier(maxLevel: 1).verify(folder.path).findings
        #expect(findings.contains { $0.code == "profile-bagit-version" } && findings.allSatisfy(\.isProfileRule), "\(findings)")
    }

    @Test func aFetchFileAndARepeatedLabelBreakTheProfile() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.write("http://example.org/x 1 data/x\n", to: bundle.file("fetch.txt"))
        try BagFiles.append("External-Identifier: urn:uuid:00000000-0000-8000-8000-000000000000\n", to: bundle.file("bag-info.txt"))
        let codes = Set(try bundle.verify().findings.map(\.code))
        #expect(codes.isSuperset(of: ["profile-fetch", "profile-repeated-label"]), "\(codes)")
    }

    /// One way to leave or break a bag that bagit-python made, by name.
    static let breakages: [String: @Sendable (TemporaryFolder) throws -> Void] = [
        "untouched": { _ in },
        "changed byte": { try BagFiles.flipByte(of: $0.file("data/records.json")) },
        "missing payload file": { try FileManager.default.removeItem(atPath: $0.file("data/nested/text.txt")) },
        "extra payload file": { try BagFiles.write("late", to: $0.file("data/late.txt")) },
        "wrong Payload-Oxum": { try BagFiles.setPayloadOxum("1.2", inBag: $0.path) },
        "missing bagit.txt": { try FileManager.default.removeItem(atPath: $0.file("bagit.txt")) },
        "unknown BagIt version": { try BagFiles.replace("BagIt-Version: 0.97", with: "BagIt-Version: 9.9", in: $0.file("bagit.txt")) },
        "edited bag-info": { try BagFiles.append("Contact-Name: Someone\n", to: $0.file("bag-info.txt")) },
        "manifest path leaving the bag": {
            try BagFiles.append("\(String(repeating: "0", count: 64))  data/../../outside.txt\n", to: $0.file("manifest-sha256.txt"))
        },
        "manifest line without a path": { try BagFiles.append("\(String(repeating: "0", count: 64))\n", to: $0.file("manifest-sha256.txt")) },
        "checksum of the wrong length": {
            try BagFiles.replace("  data/records.json", with: "0  data/records.json", in: $0.file("manifest-sha256.txt"))
        },
        "missing tag file": {
            try FileManager.default.removeItem(atPath: $0.file("bag-info.txt"))
        },
    ]

    @Test(arguments: breakages.keys.sorted())
    func portaAndBagitPythonGiveTheSameVerdict(_ breakage: String) async throws {
        let folder = try bagitPythonBag()
        try Self.breakages[breakage]!(folder)
        let verdict = try verdicts(folder)
        #expect(verdict.bagitPython == verdict.porta, "\(breakage): bagit-python \(verdict.bagitPython), porta \(verdict.findings)")
        #expect(verdict.porta == (breakage == "untouched"))
    }

    @Test func bothRejectAChangedByteCheckedUnderEveryAlgorithm() async throws {
        let folder = try bagitPythonBag()
        try BagFiles.flipByte(of: folder.file("data/records.json"))
        let verdict = try verdicts(folder)
        #expect(!verdict.bagitPython && !verdict.porta)
        #expect(verdict.findings == ["checksum-mismatch", "checksum-mismatch"])
    }

    @Test func bothRejectAFileMissingFromOneOfTwoManifests() async throws {
        let folder = try bagitPythonBag()
        let manifest = folder.file("manifest-sha512.txt")
        let kept = try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n").filter { !$0.contains("records.json") }
        try BagFiles.write(kept.joined(separator: "\n") + "\n", to: manifest)
        let verdict = try verdicts(folder)
        #expect(!verdict.porta)
        #expect(verdict.findings.contains("extra-file"))
        // bagit-python checks the union of manifests, but the tag manifest pins manifest-sha512.txt.
        #expect(!verdict.bagitPython)
    }
}

@Suite struct HostileBagTests {
    @Test func aPayloadFolderThatIsASymlinkIsNotFollowed() async throws {
        let bundle = try await SampleBundle.make()
        let elsewhere = TemporaryFolder()
        try FileManager.default.moveItem(atPath: bundle.file("data"), toPath: elsewhere.file("data"))
        try FileManager.default.createSymbolicLink(atPath: bundle.file("data"), withDestinationPath: elsewhere.file("data"))
        #expect(try bundle.findings().contains("missing-payload-folder data"))
    }

    @Test func aTagFileThatIsASymlinkIsNotRead() async throws {
        let bundle = try await SampleBundle.make()
        try FileManager.default.removeItem(atPath: bundle.file("bagit.txt"))
        try FileManager.default.createSymbolicLink(atPath: bundle.file("bagit.txt"), withDestinationPath: "/etc/hostname")
        #expect(try bundle.findings().contains("bad-bagit-txt bagit.txt"))
    }

    @Test func aManifestThatIsNotUTF8IsAFindingNotACrash() async throws {
        let bundle = try await SampleBundle.make()
        try Data([0x66, 0x6F, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: bundle.file("manifest-sha256.txt")))
        let findings = try bundle.findings()
        #expect(findings.contains("unreadable manifest-sha256.txt"))
        #expect(findings.contains("missing-manifest manifest-sha256.txt"))
    }

    @Test func aByteOrderMarkInBagInfoIsAFinding() async throws {
        let bundle = try await SampleBundle.make()
        let info = try Data(contentsOf: URL(fileURLWithPath: bundle.file("bag-info.txt")))
        try (Data([0xEF, 0xBB, 0xBF]) + info).write(to: URL(fileURLWithPath: bundle.file("bag-info.txt")))
        #expect(try bundle.findings().contains("byte-order-mark bag-info.txt"))
    }

    @Test func aTagManifestListingAPayloadFileIsAFinding() async throws {
        let bundle = try await SampleBundle.make()
        let tagManifest = bundle.file("tagmanifest-sha256.txt")
        try BagFiles.append(String(repeating: "0", count: 64) + "  data/json/person.json\n", to: tagManifest)
        #expect(try bundle.findings().contains("bad-manifest-path tagmanifest-sha256.txt"))
    }
}

@Suite struct OversizedTagFileTests {
    @Test func aHugeManifestIsRefusedUnread() async throws {
        let bundle = try await SampleBundle.make()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: bundle.file("manifest-sha256.txt")))
        try handle.truncate(atOffset: 300 << 20)   // sparse: no disk used
        try handle.close()
        #expect(try bundle.verify().findings.contains { $0.path == "manifest-sha256.txt" && $0.message.contains("larger than") })
    }
}
