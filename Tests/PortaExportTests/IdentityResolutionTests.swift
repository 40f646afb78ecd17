import Foundation
import Logging
import PortaConnectors
import PortaExport
import PortaModel
import PortaTestSupport
import Testing

/// One person across eight sources: strong identifiers join, names and shared numbers never do.
@Suite struct IdentityResolutionTests {
    func bundleText(_ result: ExportResult) throws -> String {
        try BagFiles.contents(of: result.bundlePath).values.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }

    @Test func thePersonWithTwoAddressesJoinedByAPersonnummerIsFoundInEverySource() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await sample.export(subject: ["email:erik.johansson@example.se"], purpose: .access, into: out.path)
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result.bundlePath + "/porta-manifest.json"))) as? [String: Any])
        let sources = try #require(manifest["sources"] as? [[String: Any]])
        for source in sources {
            #expect((source["records"] as? Int ?? 0) > 0, "\(source["id"] ?? "?") knows Erik")
        }
        #expect(sources.count == 8)
        let text = try bundleText(result)
        #expect(text.contains("erik@old-mail.example") && text.contains("erik.j@work.example") && text.contains("Gammalt konto"))
    }

    @Test func theTwoPeopleCalledAnnaSvenssonStayApart() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let text = try bundleText(try await sample.export(purpose: .access, into: out.path))
        for other in ["anna.s@example.com", "Bokcirkel", "Bokens skick", "K-1002", "920704"] {
            #expect(!text.contains(other), "the other Anna's \(other) is in the bundle")
        }
    }

    @Test func aSharedLandlineDoesNotPullInTheHousehold() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let text = try bundleText(try await sample.export(purpose: .access, into: out.path))
        for other in ["johan.svensson@example.se", "fiske", "maja.lind@example.net", "Maja"] {
            #expect(!text.contains(other), "\(other) shares only a phone number with Anna")
        }
    }

    @Test func markingTheLandlineUniqueWouldJoinTheHousehold() async throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "phone: { column: phone, unique: false }", with: "phone: phone") })
        let out = TemporaryFolder()
        let text = try bundleText(try await sample.export(subject: ["phone:08-555 123 45"], purpose: .access, into: out.path))
        #expect(text.contains("johan.svensson@example.se"), "the switch is what keeps them apart")
    }
}

/// Nothing Porta logs, at any level, holds the sample people's personal data.
@Suite struct LogPrivacyTests {
    static let personalData = [
        "Anna", "Svensson", "Erik", "Johansson", "Johan", "Fatima", "Maja", "anna.svensson", "erik.johansson", "erik.j@",
        "old-mail", "example.se", "example.com", "070", "+4670", "08-555", "555", "19850312", "198503121231", "7809213452",
        "Storgatan", "tält", "Vättern", "K-1001", "K-0417", "192.0.2",
    ]

    @Test(arguments: ["email:anna.svensson@example.se", "email:erik.johansson@example.se", "phone:070-123 45 67"])
    func anExportLogsNoPersonalDataAtAnyLevel(_ subject: String) async throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "on-error: fail", with: "on-error: skip") })
        // Broken rows nothing refers to (a broken order would leave its lines dangling, which the
        // export refuses as porta verify would).
        try sample.execute("UPDATE reviews SET published_at = 'never'")
        let logs = CapturedLogs(), out = TemporaryFolder()
        let request = try ExportRequest(subject: [try SubjectIdentifier(parsing: subject, referenceDate: SampleSubject.day)], purpose: .access,
                                        requestID: "logs", createdAt: try Timestamp(parsing: SampleSubject.createdAt))
        _ = try await Exporter(config: try PortaConfig.load(from: sample.configPath), logger: logs.logger,
                               environment: SampleServices.environment).export(request, into: out.path)
        #expect(logs.text.contains("row skipped") && logs.text.contains("bundle written"), "the test saw the logs")
        for value in Self.personalData {
            #expect(!logs.text.contains(value), "the logs hold \(value)")
        }
    }
}
