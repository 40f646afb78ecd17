import Foundation
import PortaExport
import PortaTestSupport
import Testing

/// No bundle appears that Porta's own verifier would refuse.
@Suite struct OwnVerdictTests {
    /// The sample with a second person table keyed by a column that is not unique.
    func sampleWithANonUniqueKey() throws -> SampleController {
        try SampleController(editSQL: { $0.replacingOccurrences(of: "COMMIT;", with: """
            CREATE TABLE aliases (customer_id INTEGER NOT NULL, given_name TEXT NOT NULL);
            INSERT INTO aliases VALUES (1, 'Anna'), (1, 'Annie');
            COMMIT;
            """) }, editConfig: { $0.replacingOccurrences(of: "      - kind: profile-segment", with: """
                  - kind: person
                    table: aliases
                    key: customer_id
                    key-prefix: "alias-"
                    subject: customer_id
                    provenance: provided
                    legal-basis: contract
                    category: identification
                    fields: { givenName: given_name }
                  - kind: profile-segment
            """) })
    }

    @Test func recordsThatWouldShareAnIdStopTheExportNamingTheIdNotTheValues() async throws {
        let sample = try sampleWithANonUniqueKey(), out = TemporaryFolder()
        let error = try await ExportFailure.anyError { try await sample.export(purpose: .access, into: out.path) }
        let export = try #require(error as? ExportError)
        #expect(export.code == .invalidBundle)
        #expect(export.message.contains("[duplicate-id]") && export.message.contains("the id is used by 2 records"))
        #expect(!export.message.contains("Annie"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty, "no bundle, and no staging left behind")
    }

    @Test func aSkippedRowThatOthersReferToStopsTheExportRatherThanLeaveThemDangling() async throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "on-error: fail", with: "on-error: skip") })
        try sample.execute("UPDATE orders SET total = 'many' WHERE id = 1001")
        let out = TemporaryFolder()
        let error = try await ExportFailure.anyError { try await sample.export(purpose: .access, into: out.path) }
        let export = try #require(error as? ExportError)
        #expect(export.code == .invalidBundle && export.message.contains("[dangling-reference]"))
        #expect(export.message.contains("data/json/order-line.json"))
    }

    @Test func theCommandExitsOneAndWritesNoBundle() throws {
        let sample = try sampleWithANonUniqueKey(), out = TemporaryFolder()
        let run = try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna,
                                             "--purpose", "access", "--out", out.path, "--created-at", SampleSubject.createdAt])
        #expect(run.status == 1, "\(run.combined)")
        #expect(run.standardError.contains("duplicate-id"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}
