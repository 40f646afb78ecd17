import Foundation
import PortaConnectors
import PortaExport
import PortaTestSupport
import Testing

/// Files the person gave travel in the bundle under `data/files/`, pinned by their hashes.
@Suite struct AttachmentTests {
    func records(_ bundle: String) async throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: bundle + "/data/json/attachment.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test func eachAttachmentIsCarriedWithItsSizeAndHash() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(into: out.path).bundlePath
        let attachments = try await records(bundle)
        #expect(attachments.count == 3, "two from the shop, one sent by e-mail")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle + "/porta-manifest.json"))) as? [String: Any])
        let listed = (manifest["files"] as? [[String: Any]] ?? []).filter { $0["format"] as? String == "file" }
        for record in attachments {
            let path = try #require(record["path"] as? String)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle + "/" + path)))
            #expect(record["bytes"] as? Int == bytes.count)
            #expect(record["sha256"] as? String == SHA256Hex.of(bytes))
            #expect(listed.contains { $0["path"] as? String == path && $0["sha256"] as? String == SHA256Hex.of(bytes) && $0["kind"] as? String == "attachment" })
        }
        let receipt = try #require(attachments.first { $0["fileName"] as? String == "kvitto, juli.txt" })
        #expect((receipt["path"] as? String)?.hasSuffix(".txt") == true)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: bundle + "/" + (receipt["path"] as! String))), as: UTF8.self).hasPrefix("Kvitto EB-2023-0001\n"))
    }

    /// The sample with a second upload table whose rows name files in `uploads/`.
    func sampleWithPathUploads(_ storedPath: String) async throws -> SampleController {
        let sample = try SampleController(editSQL: { $0.replacingOccurrences(of: "COMMIT;", with: """
            CREATE TABLE scans (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, file_name TEXT NOT NULL, stored_path TEXT);
            INSERT INTO scans VALUES (7, 1, 'id-kort.jpg', '\(storedPath)');
            COMMIT;
            """) }, editConfig: { $0.replacingOccurrences(of: "      - kind: profile-segment", with: """
                  - kind: attachment
                    table: scans
                    key: id
                    key-prefix: "scan-"
                    subject: customer_id
                    provenance: provided
                    legal-basis: contract
                    category: customer-service
                    file: { path: stored_path, folder: uploads }
                    fields:
                      person: customer_id
                      fileName: file_name

                  - kind: profile-segment
            """) })
        try FileManager.default.createDirectory(atPath: sample.folder.file("uploads/2024"), withIntermediateDirectories: true)
        try Data("JPEG-ish bytes".utf8).write(to: URL(fileURLWithPath: sample.folder.file("uploads/2024/scan.jpg")))
        return sample
    }

    @Test func aPathColumnNamesAFileInsideTheConfiguredFolder() async throws {
        let sample = try await sampleWithPathUploads("2024/scan.jpg"), out = TemporaryFolder()
        let bundle = try await sample.export(into: out.path).bundlePath
        let scan = try await #require(try records(bundle).first { $0["fileName"] as? String == "id-kort.jpg" })
        #expect(scan["bytes"] as? Int == 14)
        #expect(FileManager.default.contents(atPath: bundle + "/" + (scan["path"] as! String)) == Data("JPEG-ish bytes".utf8))
    }

    @Test(arguments: ["../porta.yml", "/etc/passwd", "2024/../../porta.yml", "2024/missing.jpg", "2024", "link-out"])
    func aPathThatLeavesTheFolderOrIsNoFileIsABrokenRow(_ storedPath: String) async throws {
        let sample = try await sampleWithPathUploads(storedPath), out = TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: sample.folder.file("uploads/link-out"), withDestinationPath: sample.configPath)
        let error = try await ExportFailure.of { try await sample.export(into: out.path) }
        #expect(error.code == .invalidRow && error.key == "scan-7" && error.message.hasPrefix("file:"))
        #expect(!error.description.contains(storedPath))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}
