import Foundation
import PortaTestSupport
import PortaVerify
import Testing

/// Hostile sizes cannot fill memory or the report.
@Suite struct HostileSizeTests {
    @Test func aManifestListingThousandsOfMissingFilesGivesACappedReport() async throws {
        let bundle = try await SampleBundle.make()
        let lines = (0..<5000).map { "\(String(repeating: "0", count: 64))  data/json/missing-\($0).json\n" }.joined()
        try BagFiles.append(lines, to: bundle.file("manifest-sha256.txt"))
        let findings = try bundle.verify().findings.filter { $0.code == "missing-file" }
        #expect(findings.count == 101, "\(findings.count)")
        #expect(findings.last?.message == "4900 more missing-file problems were found and left out of the report")
    }

    @Test func aBagInfoOfMegabytesIsRefusedNamingItsBound() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.append(String(repeating: "Note: " + String(repeating: "x", count: 200) + "\n", count: 5000), to: bundle.file("bag-info.txt"))
        let finding = try #require(try bundle.verify().findings.first { $0.path == "bag-info.txt" && $0.code == "unreadable" })
        #expect(finding.message.contains("64 KiB"), "\(finding)")
    }

    @Test func verifyingAManifestOfTwoHundredThousandMissingFilesStaysUnder256MiB() async throws {
        try PeerTool.require("/usr/bin/time")
        let bundle = try await SampleBundle.make()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: bundle.file("manifest-sha256.txt")))
        try handle.seekToEnd()
        for chunk in 0..<20 {
            let lines = (0..<10_000).map { "\(String(repeating: "0", count: 64))  data/json/missing-\(chunk)-\($0).json\n" }.joined()
            try handle.write(contentsOf: Data(lines.utf8))
        }
        try handle.close()
        let run = try ExternalProcess.run("/usr/bin/time", ["-f", "%M", ExternalProcess.portaBinary, "verify", "--level", "1", bundle.path])
        #expect(run.status == 1, "\(run.combined)")
        let kilobytes = try #require(run.standardError.split(separator: "\n").last.flatMap { Int($0) })
        #expect(kilobytes < 256 * 1024, "peak RSS \(kilobytes) KiB")
        #expect(run.standardOutput.utf8.count < 100_000, "the report is bounded")
    }
}

@Suite struct HostileNameTests {
    @Test func aNameOfSixtyFiveKilobytesIsNotEchoed() async throws {
        let bundle = try await SampleBundle.make()
        let name = "data/" + String(repeating: "n", count: 65_000)
        try BagFiles.append("\(String(repeating: "0", count: 64))  \(name)\n", to: bundle.file("manifest-sha256.txt"))
        let report = try bundle.verify()
        let finding = try #require(report.findings.first { $0.code == "missing-file" })
        #expect(finding.path == "(a name of 65005 bytes that is not shown)")
        #expect(report.text.utf8.count < 10_000)
    }
}
