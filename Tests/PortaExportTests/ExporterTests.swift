import Foundation
import Logging
import PortaBundle
import PortaConnectors
import PortaExport
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

@Suite struct ExporterTests {
    func export(_ sample: SampleController, subject: [String] = [SampleSubject.anna], purpose: Purpose = .portability,
                into out: String) async throws -> ExportResult {
        try await sample.export(subject: subject, purpose: purpose, into: out)
    }

    func manifest(_ result: ExportResult) async throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: result.bundlePath + "/porta-manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func writesEveryKeptKindAsJSONCSVAndXMLWithADataPackage() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await export(sample, into: out.path)
        #expect(result.bundlePath == out.path + "/porta-req-1")
        let files = try BagFiles.contents(of: result.bundlePath).keys
            .filter { $0.hasPrefix("data/") && !$0.hasSuffix(".html") && !$0.hasPrefix("data/files/") }.sorted()
        let kinds = ["attachment", "email-address", "event-registration", "identifier", "message", "order-line", "order", "person",
                     "phone-number", "postal-address"]
        let expected = ["data/csv/datapackage.json"] + kinds.map { "data/csv/\($0).csv" } + kinds.map { "data/json/\($0).json" }
            + kinds.map { "data/xml/\($0).xml" }
        #expect(files == expected.sorted())
        #expect(result.recordsByKind.map { "\($0.kind.name)=\($0.records)" } == [
            "person=4", "postal-address=2", "email-address=3", "phone-number=2", "identifier=2", "order=4", "order-line=3",
            "message=5", "event-registration=1", "attachment=3",
        ])
    }

    @Test func portabilityCountsWhatItLeavesOutWithReasons() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await export(sample, into: out.path)
        #expect(result.exclusions.map { "\($0.source) \($0.kind.name)/\($0.reason.code)/\($0.records)" } == [
            "addressbook email-address/legal-basis-legitimate-interest-not-covered/1",
            "addressbook person/legal-basis-legitimate-interest-not-covered/1",
            "addressbook phone-number/legal-basis-legitimate-interest-not-covered/2",
            "addressbook postal-address/legal-basis-legitimate-interest-not-covered/1",
            "crm preference/legal-basis-consent-not-covered/1",
            "marketing consent/legal-basis-legal-obligation-not-covered/2",
            "reviews review/legal-basis-consent-not-covered/1",
            "shop consent/legal-basis-consent-not-covered/1",
            "shop identifier/provenance-derived-not-covered/1",
            "shop profile-segment/provenance-acquired-not-covered/2",
            "shop review/legal-basis-consent-not-covered/2",
            "shop web-activity/provenance-observed-not-covered/3",
            "storefront preference/legal-basis-consent-not-covered/1",
        ])
        let exclusions = try await #require(try manifest(result)["exclusions"] as? [[String: Any]])
        #expect(exclusions.count == 13)
        #expect(exclusions.allSatisfy { $0["explanation"] is String && $0["records"] is Int })
    }

    @Test func leftOutDataAppearsNowhereInTheBundle() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await export(sample, into: out.path)
        for (path, data) in try BagFiles.contents(of: result.bundlePath) {
            let text = String(decoding: data, as: UTF8.self)
            for secret in ["high-income-household", "Dataköp Norden", "192.0.2.10", "c0ffee01", "Höll tätt"] {
                #expect(!text.contains(secret), "\(path) holds excluded data")
            }
        }
    }

    @Test func accessIncludesEverythingHeldOnThePerson() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await export(sample, purpose: .access, into: out.path)
        #expect(result.exclusions.isEmpty)
        #expect(result.recordsByKind.first { $0.kind == .webActivity }?.records == 3)
        #expect(result.recordsByKind.first { $0.kind == .profileSegment }?.records == 2)
        let request = try await #require(try manifest(result)["request"] as? [String: Any])
        #expect(request["article"] as? String == "GDPR Art. 15")
    }

    @Test func theManifestListsEveryIdentifierUsedAndWhereItCameFrom() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await export(sample, subject: ["email:erik.johansson@example.se"], into: out.path)
        let subject = try await #require(try manifest(result)["subject"] as? [String: Any])
        let identifiers = try #require(subject["identifiers"] as? [[String: Any]])
        let described = identifiers.map { "\($0["scheme"]!):\($0["value"]!)<-\(($0["foundIn"] as! [String]).joined(separator: ","))" }
        #expect(described == [
            "email:erik.j@work.example<-addressbook,crm,marketing",
            "email:erik.johansson@example.se<-request,reviews,shop",
            "email:erik@old-mail.example<-shop,storefront,support",
            "phone:+46709876543<-shop",
            "personnummer:197809213452<-crm,shop",
            "customer-number:K-0417<-shop",
            "customer-number:K-1003<-shop",
        ])
        #expect(result.recordsByKind.first { $0.kind == .person }?.records == 5)
    }

    @Test func theManifestDescribesEveryPayloadFile() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await export(sample, into: out.path)
        let files = try await #require(try manifest(result)["files"] as? [[String: Any]])
        let onDisk = try BagFiles.contents(of: result.bundlePath)
        for file in files {
            let path = try #require(file["path"] as? String)
            let data = try #require(onDisk[path])
            #expect(file["bytes"] as? Int == data.count)
            let lines = data.filter { $0 == 0x0A }.count
            let records = file["records"] as? Int
            let kind = (file["kind"] as? String).flatMap(RecordKind.init(named:))
            switch file["format"] as? String {
            case "json": #expect(records == lines - 2, "\(path): an array, one record per line")
            case "csv": #expect(try records == Self.count(CSVRecordReader(path: result.bundlePath + "/" + path, name: path, kind: kind!)), "\(path)")
            case "xml": #expect(try records == Self.count(XMLRecordReader(path: result.bundlePath + "/" + path, name: path, kind: kind!)), "\(path)")
            default: #expect(records == nil, "\(path) holds no records")
            }
        }
    }

    @Test func progressIsToldPerSourceWithCountsOnly() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let request = try ExportRequest(subject: [try SubjectIdentifier(parsing: SampleSubject.anna, referenceDate: SampleSubject.day)], purpose: .access,
                                        requestID: "progress", createdAt: try Timestamp(parsing: SampleSubject.createdAt))
        let seen = ProgressLog()
        _ = try await Exporter(config: try PortaConfig.load(from: sample.configPath), logger: Logger(label: "test"),
                               environment: SampleServices.environment, progress: seen.add).export(request, into: out.path)
        #expect(seen.done == ["shop: 22", "crm: 6", "reviews: 1", "marketing: 2", "storefront: 5", "inquiries: 4", "addressbook: 5", "support: 3"])
    }

    static func count(_ reader: some RecordReader) throws -> Int {
        var reader = reader
        var count = 0
        while try reader.next() != nil { count += 1 }
        return count
    }

    @Test func theSameRequestAndTimeGiveAByteIdenticalBundle() async throws {
        let sample = try SampleController(), first = TemporaryFolder(), second = TemporaryFolder()
        let one = try await export(sample, into: first.path)
        let two = try await export(sample, into: second.path)
        #expect(one.digest == two.digest)
        #expect(try BagFiles.contents(of: one.bundlePath) == BagFiles.contents(of: two.bundlePath))
    }

    @Test func anUnknownSubjectGivesNoBundle() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        await #expect { try await export(sample, subject: ["email:nobody@example.se"], into: out.path) } throws: {
            ($0 as? ExportError)?.code == .noRecords
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func aFailedExportLeavesNoPartialBundle() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        try sample.execute("UPDATE order_lines SET unit_price = '12,50' WHERE id = 3")
        await #expect(throws: ConnectorError.self) { try await export(sample, into: out.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func anExistingBundleIsNeverOverwritten() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let first = try await export(sample, into: out.path)
        let before = try BagFiles.contents(of: first.bundlePath)
        await #expect { try await export(sample, into: out.path) } throws: { ($0 as? BundleError)?.code == .alreadyExists }
        #expect(try BagFiles.contents(of: first.bundlePath) == before)
    }

    @Test func bagitPythonAcceptsTheBundle() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await export(sample, into: out.path)
        let verdict = try PeerTool.bagitValidate(result.bundlePath)
        #expect(verdict.status == 0, "\(verdict.combined)")
        #expect(verdict.combined.contains("is valid"))
    }

    @Test func bagitPythonAcceptsAnAccessBundleToo() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await export(sample, subject: ["personnummer:900575-4560"], purpose: .access, into: out.path)
        let verdict = try PeerTool.bagitValidate(result.bundlePath)
        #expect(verdict.status == 0, "\(verdict.combined)")
    }

    @Test func aRequestIdThatCannotNameAFolderIsRefused() async throws {
        for id in ["../escape", "a/b", ".hidden", "", String(repeating: "x", count: 65)] {
            #expect(throws: ExportError.self) {
                try ExportRequest(subject: [try SubjectIdentifier(parsing: SampleSubject.anna, referenceDate: SampleSubject.day)], purpose: .access, requestID: id)
            }
        }
    }
}

@Suite struct NothingCoveredTests {
    @Test func whenThePolicyCoversNothingTheBundleStillSaysWhatExists() async throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "legal-basis: contract", with: "legal-basis: legal-obligation") })
        let out = TemporaryFolder()
        let result = try await sample.export(into: out.path)
        #expect(result.totalRecords == 0)
        #expect(result.exclusions.reduce(0) { $0 + $1.records } == 48, "everything the access export of Anna holds")
        let files = try BagFiles.contents(of: result.bundlePath)
        #expect(files.keys.filter { $0.hasPrefix("data/") } == ["data/index.html"])
        let page = String(decoding: files["data/index.html"]!, as: UTF8.self)
        #expect(page.contains("ingen av dem omfattas av den här begäran"))
        #expect(page.contains("class=\"n\">") && !page.contains("No data about you was left out"))
        #expect(String(decoding: files["bag-info.txt"]!, as: UTF8.self).contains("Payload-Oxum: \(files["data/index.html"]!.count).1\n"))
        let verdict = try PeerTool.bagitValidate(result.bundlePath)
        #expect(verdict.status == 0, "\(verdict.combined)")
    }
}

/// Collects the progress an export tells.
final class ProgressLog: @unchecked Sendable {
    private(set) var done: [String] = []
    func add(_ progress: ExportProgress) {
        if progress.isDone { done.append("\(progress.source): \(progress.records)") }
    }
}
