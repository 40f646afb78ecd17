import Foundation
import PortaModel
import PortaTestSupport
import PortaVerify
import Testing

/// What one level found, `code path`, and whether the levels below it passed.
private func level(_ number: Int, of report: VerificationReport) -> [String] {
    report.levels.first { $0.level == number }?.findings.map { "\($0.code) \($0.path ?? "-")" } ?? []
}

private func lowerLevelsPass(_ number: Int, _ report: VerificationReport) -> Bool {
    report.levels.filter { $0.level < number }.allSatisfy(\.passed)
}

@Suite struct FormatLevelTests {
    @Test func aFreshBundlePassesEveryLevel() async throws {
        let bundle = try await SampleBundle.make()
        let report = try bundle.verifyAll()
        #expect(report.isValid, "\(report.text)")
        #expect(report.levels.map(\.name) == ["bag", "formats", "semantics", "cross-format", "authenticity"])
        #expect(report.levels.last?.skipped == "the bundle is not signed")
    }

    @Test func aDuplicateJSONKeyIsNamedByFileAndLine() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.editLine(3, of: bundle.file("data/json/order.json")) { $0.replacingOccurrences(of: "{\"id\"", with: "{\"status\":\"x\",\"status\":\"y\",\"id\"") }
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(lowerLevelsPass(2, report), "\(report.text)")
        let finding = try #require(report.levels[1].findings.first)
        #expect("\(finding.code) \(finding.path!)" == "bad-json data/json/order.json")
        #expect(finding.line == 3)
    }

    @Test func aByteOrderMarkBeforeJSONIsAFinding() async throws {
        let bundle = try await SampleBundle.make()
        let path = bundle.file("data/json/person.json")
        try Data([0xEF, 0xBB, 0xBF] + [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))).write(to: URL(fileURLWithPath: path))
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(lowerLevelsPass(2, report))
        #expect(level(2, of: report) == ["bad-json data/json/person.json"])
    }

    @Test func invalidUTF8InACSVFileIsNamedByLine() async throws {
        let bundle = try await SampleBundle.make()
        let path = bundle.file("data/csv/order.csv")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let secondLine = bytes.firstIndex(of: 0x0A)! + 1
        bytes.insert(contentsOf: [0xC3, 0x28], at: secondLine + 40)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        let finding = try #require(report.levels[1].findings.first)
        #expect("\(finding.code) \(finding.path!)" == "bad-csv data/csv/order.csv")
        #expect(finding.line == 2)
    }

    @Test func aCSVRowWithAWrongColumnCountIsNamedByLine() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.editLine(3, of: bundle.file("data/csv/order.csv")) { $0.replacingOccurrences(of: ",SEK,", with: ",SEK,,") }
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        let finding = try #require(report.levels[1].findings.first)
        #expect("\(finding.code) \(finding.path!) \(finding.line ?? 0)" == "bad-csv data/csv/order.csv 3")
    }

    @Test func anExternalEntityInXMLIsRefusedUnread() async throws {
        let bundle = try await SampleBundle.make()
        let secret = TemporaryFolder("porta-secret")
        try BagFiles.write("SECRET-CONTENTS", to: secret.path + "/secret.txt")
        let path = bundle.file("data/xml/order.xml")
        try BagFiles.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                             with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file://\(secret.path)/secret.txt\">]>\n", in: path)
        try BagFiles.replace("<status>delivered</status>", with: "<status>&xxe;</status>", in: path)
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(2, of: report) == ["bad-xml data/xml/order.xml"])
        #expect(!report.text.contains("SECRET-CONTENTS"))
    }

    @Test func billionLaughsInXMLIsRefusedAtOnce() async throws {
        let bundle = try await SampleBundle.make()
        var entities = "<!ENTITY l0 \"ha\">"
        for n in 1...9 { entities += "<!ENTITY l\(n) \"" + String(repeating: "&l\(n - 1);", count: 10) + "\">" }
        let path = bundle.file("data/xml/order.xml")
        try BagFiles.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                             with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE r [\(entities)]>\n", in: path)
        try BagFiles.replace("<status>delivered</status>", with: "<status>&l9;</status>", in: path)
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(2, of: report) == ["bad-xml data/xml/order.xml"])
    }

    @Test func aDataPackageThatIsNotThePinnedOneIsAFinding() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.replace("\"primaryKey\"", with: "\"primaryKeys\"", in: bundle.file("data/csv/datapackage.json"))
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(2, of: report) == ["data-package-mismatch data/csv/datapackage.json"])
    }

    @Test func aDPVTermThatDoesNotRestateItsFieldIsRefused() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.editLine(2, of: bundle.file("data/json/order.json")) {
            $0.replacingOccurrences(of: "eu-gdpr:A6-1-b", with: "eu-gdpr:A6-1-a")
        }
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        let finding = try #require(report.levels[1].findings.first)
        #expect("\(finding.code) \(finding.path!) \(finding.line ?? 0)" == "bad-json data/json/order.json 2")
        #expect(finding.message.contains("dpvLegalBasis"))
    }

    @Test func anUnknownFormatVersionIsRefusedNamingBothVersions() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.replace("\"format\": \"porta/1\"", with: "\"format\": \"porta/2\"", in: bundle.file("porta-manifest.json"))
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        let finding = try #require(report.levels[1].findings.first)
        #expect(finding.code == "unsupported-format-version")
        #expect(finding.message.contains("porta/2") && finding.message.contains("porta/1"))
        #expect(report.levels.dropFirst(2).allSatisfy { $0.skipped != nil })
        #expect(!report.isValid)
    }

    @Test func aManifestKeyTheFormatDoesNotHaveIsAFinding() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.replace("\"format\": \"porta/1\",", with: "\"format\": \"porta/1\",\n  \"comment\": \"x\",", in: bundle.file("porta-manifest.json"))
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(2, of: report) == ["manifest-schema porta-manifest.json"])
    }
}

@Suite struct SemanticLevelTests {
    @Test func aWrongRecordCountInTheManifestIsFound() async throws {
        let bundle = try await SampleBundle.make()
        let manifest = bundle.file("porta-manifest.json")
        var text = try String(contentsOfFile: manifest, encoding: .utf8)
        let range = try #require(text.range(of: "\"path\": \"data/json/order.json\""))
        let records = try #require(text.range(of: "\"records\": ", range: range.upperBound..<text.endIndex))
        text.insert("9", at: records.upperBound)
        try text.write(toFile: manifest, atomically: false, encoding: .utf8)
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(lowerLevelsPass(3, report), "\(report.text)")
        #expect(level(3, of: report) == ["record-count-mismatch data/json/order.json"])
    }

    @Test func aDuplicateIdIsFound() async throws {
        let bundle = try await SampleBundle.make()
        for format in ["json", "csv", "xml"] {
            let path = bundle.file("data/\(format)/person.\(format)")
            var lines = try BagFiles.lines(of: path)
            let first = format == "xml" ? 2 : 1
            lines.insert(lines[first], at: first)
            try BagFiles.write(lines: lines, to: path)
        }
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(3, of: report).contains("duplicate-id data/json/person.json"), "\(report.text)")
    }

    @Test func aDanglingReferenceIsNamedByRecordAndField() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.editLine(2, of: bundle.file("data/json/order.json")) {
            $0.replacingOccurrences(of: "\"person\":\"per_", with: "\"person\":\"per_0000000000000000000000000000000")
                .replacingOccurrences(of: "0000000000000000000000000000000e4c1e176e12637edc946c52e8ac7f4ac", with: "00000000000000000000000000000000")
        }
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        let finding = try #require(report.levels[2].findings.first { $0.code == "dangling-reference" }, "\(report.text)")
        #expect(finding.path == "data/json/order.json" && finding.line == 2)
        #expect(finding.record == "ord_a11c5866aca58c966b7c11ed6251dd7e")
        #expect(finding.message.contains("person"))
    }

    @Test func aRecordThePolicyDoesNotKeepIsFound() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.editLine(2, of: bundle.file("data/json/order.json")) {
            $0.replacingOccurrences(of: "\"provenance\":\"provided\"", with: "\"provenance\":\"acquired\"")
                .replacingOccurrences(of: "dpv:ProvidedPersonalData", with: "dpv:CollectedPersonalData")
        }
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(3, of: report) == ["record-outside-policy data/json/order.json"])
    }

    @Test func aBundleIdThatDoesNotDeriveIsFound() async throws {
        let bundle = try await SampleBundle.make()
        let manifest = bundle.file("porta-manifest.json")
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let line = try #require(text.components(separatedBy: "\n").first { $0.contains("\"bundleId\"") })
        try BagFiles.replace(line, with: "  \"bundleId\": \"urn:uuid:00000000-0000-8000-8000-000000000000\",", in: manifest)
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(3, of: report) == ["bundle-id-mismatch porta-manifest.json", "bag-info-mismatch bag-info.txt"])
    }

    @Test func excludedCountsThatDoNotAddUpAreFound() async throws {
        let bundle = try await SampleBundle.make()
        let manifest = bundle.file("porta-manifest.json")
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let line = try #require(text.components(separatedBy: "\n").first { $0.contains("\"excluded\": ") && !$0.contains("\"excluded\": 0") })
        try BagFiles.replace(line, with: line.replacingOccurrences(of: "\"excluded\": ", with: "\"excluded\": 1"), in: manifest)
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(3, of: report) == ["exclusion-count-mismatch porta-manifest.json"])
    }

    @Test func aFileNoAttachmentRecordClaimsIsFound() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.write("smuggled", to: bundle.file("data/files/att_00000000000000000000000000000000.txt"))
        try BagFiles.reseal(bundle.path)
        let findings = level(3, of: try bundle.verifyAll())
        #expect(findings.contains("attachment-file-unclaimed data/files/att_00000000000000000000000000000000.txt"))
        #expect(findings.contains("manifest-missing-file data/files/att_00000000000000000000000000000000.txt"))
    }

    @Test func anAttachmentWhoseFileChangedIsFound() async throws {
        let bundle = try await SampleBundle.make()
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: bundle.file("data/files")).first { $0.hasSuffix(".txt") })
        try BagFiles.append("more", to: bundle.file("data/files/" + file))
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(3, of: report) == ["attachment-bytes-mismatch data/files/\(file)", "attachment-sha256-mismatch data/files/\(file)"])
    }
}

@Suite struct CrossFormatLevelTests {
    @Test func aDisagreementIsNamedByKindIdAndField() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.editLine(2, of: bundle.file("data/csv/order.csv")) { $0.replacingOccurrences(of: ",delivered,", with: ",cancelled,") }
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(lowerLevelsPass(4, report), "\(report.text)")
        let finding = try #require(report.levels[3].findings.first)
        #expect(finding.code == "format-disagreement" && finding.path == "data/csv/order.csv")
        #expect(finding.record == "ord_a11c5866aca58c966b7c11ed6251dd7e")
        #expect(finding.message.contains("field status"))
        #expect(report.levels[3].findings.count == 1)
    }

    @Test func aRecordMissingFromXMLIsFound() async throws {
        let bundle = try await SampleBundle.make()
        let path = bundle.file("data/xml/order.xml")
        var lines = try BagFiles.lines(of: path)
        // The last order (each is one line, before the closing root element's).
        let last = try #require(lines.lastIndex { $0.hasPrefix("<order>") })
        lines.remove(at: last)
        try BagFiles.write(lines: lines, to: path)
        try BagFiles.reseal(bundle.path)
        let report = try bundle.verifyAll()
        #expect(level(4, of: report) == ["record-missing data/xml/order.xml"])
        #expect(level(3, of: report) == ["record-count-mismatch data/xml/order.xml"])
    }
}
