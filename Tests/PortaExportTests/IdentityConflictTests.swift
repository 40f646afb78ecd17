import Foundation
import Logging
import PortaConnectors
import PortaExport
import PortaModel
import PortaRegister
import PortaTestSupport
import PortaVerify
import Testing

/// Records a strong identifier joins must agree on who the person is: the sample's Tove Berg
/// and Nils Holm share one personnummer, written `19121212-1212` and `121212+1212`.
@Suite struct IdentityConflictTests {
    let tove = "email:tove.berg@example.se"

    func request(excluding: [String] = [], accepting: Bool = false) throws -> ExportRequest {
        var request = try ExportRequest(subject: [try SubjectIdentifier(parsing: tove, referenceDate: SampleSubject.day)],
                                        purpose: .access, requestID: "tove", createdAt: try Timestamp(parsing: SampleSubject.createdAt))
        request.excludedSourceKeys = Set(try excluding.map(SourceKey.init(parsing:)))
        request.acceptsIdentityConflicts = accepting
        return request
    }

    func exporter(_ sample: SampleController, register: RequestRegister? = nil) throws -> Exporter {
        Exporter(config: try PortaConfig.load(from: sample.configPath), logger: Logger(label: "porta-test"),
                 environment: SampleServices.environment, register: register)
    }

    func manifest(_ bundle: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle + "/porta-manifest.json"))) as? [String: Any])
    }

    @Test func twoPeopleJoinedByOnePersonnummerStopTheExportNamingRecordsAndFieldsNotValues() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let error = try await ExportFailure.anyError { try await exporter(sample).export(try request(), into: out.path) }
        let conflict = try #require(error as? ExportError)
        #expect(conflict.code == .identityConflict)
        #expect(conflict.message.contains("per_") && conflict.message.contains("givenName, familyName"))
        #expect(conflict.message.contains("shop:8") && conflict.message.contains("shop:9"))
        for value in ["Tove", "Nils", "Berg", "Holm", "1212"] { #expect(!conflict.message.contains(value), "\(value)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func leavingOutTheOtherPersonsRowWritesOnlyTheSubjectsDataAndRecordsTheDecision() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let result = try await exporter(sample).export(try request(excluding: ["shop:9"]), into: out.path)
        #expect(result.recordsByKind.first { $0.kind == .person }?.records == 1)
        let identity = try #require(try manifest(result.bundlePath)["identity"] as? [String: Any])
        #expect(identity["excludedSourceKeys"] as? [String] == ["shop:9"])
        let page = try String(contentsOfFile: result.bundlePath + "/data/json/person.json", encoding: .utf8)
        #expect(page.contains("Tove") && !page.contains("Nils"))
        #expect(try BundleVerifier().verify(result.bundlePath).isValid)
    }

    @Test func anAcceptedJoinIsRecordedInTheManifestAndTheRegisterAndVerifies() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let register = try RequestRegister(path: out.file("register.sqlite"), secret: "a-register-secret-of-some-length")
        let result = try await exporter(sample, register: register).export(try request(accepting: true), into: out.path)
        let identity = try #require(try manifest(result.bundlePath)["identity"] as? [String: Any])
        let accepted = try #require(identity["acceptedConflicts"] as? [[String: Any]])
        #expect(accepted.count == 1 && accepted[0]["fields"] as? [String] == ["givenName", "familyName"])
        #expect((accepted[0]["records"] as? [String])?.allSatisfy { $0.hasPrefix("per_") } == true)
        let schema = try PeerTool.checkJSONSchema(Repository.path("formats/json/porta-manifest.schema.json"),
                                                  [result.bundlePath + "/porta-manifest.json"])
        #expect(schema.status == 0, "\(schema.combined)")
        #expect(try BundleVerifier().verify(result.bundlePath).isValid)
        let entry = try #require(try register.entries().last?.entry)
        #expect(entry.decisions?.contains("identity conflict accepted") == true)
        #expect(entry.decisions?.contains("Tove") == false)
    }

    @Test func anExcludedKeyOfAnUnknownSourceIsRefused() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let error = try await ExportFailure.anyError { try await exporter(sample).export(try request(excluding: ["nosuch:1"]), into: out.path) }
        #expect((error as? ExportError)?.code == .invalidRequest)
    }
}
