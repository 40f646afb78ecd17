import Foundation
import PortaBundle
import PortaTestSupport
import PortaVerify
import Testing

/// A zipped bundle is read like its folder, and a hostile zip is refused whole, with nothing
/// written outside the verifier's own scratch folder.
@Suite struct ZippedBundleTests {
    let scratch = TemporaryFolder("porta-scratch")
    let work = TemporaryFolder("porta-zips")

    func verify(_ zip: String, limits: ZipLimits = ZipLimits()) throws -> VerificationReport {
        try BundleVerifier(options: VerifyOptions(zipLimits: limits, scratchFolder: scratch.path)).verify(zip)
    }

    /// The zip's only finding, `code`, after checking the scratch folder was left empty.
    func refusal(_ zip: String, limits: ZipLimits = ZipLimits()) throws -> String {
        let report = try verify(zip, limits: limits)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
        #expect(!report.isValid)
        #expect(report.levels.dropFirst().allSatisfy { $0.skipped != nil })
        return report.findings.map(\.code).joined(separator: " ")
    }

    func sampleEntries() async throws -> [TestZip.Entry] {
        let bundle = try await SampleBundle.make()
        return try TestZip.entries(of: bundle.path, under: "porta-req-1")
    }

    @Test func aZippedBundleVerifiesLikeItsFolder() async throws {
        let zip = work.path + "/bundle.zip"
        try TestZip.make(zip, try await sampleEntries())
        let report = try verify(zip)
        #expect(report.isValid, "\(report.text)")
        #expect(report.bundle == zip)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test func aChangedByteInsideAZipIsFound() async throws {
        var entries = try await sampleEntries()
        for (index, entry) in entries.enumerated() {
            if case .file(let name, var bytes) = entry, name.hasSuffix("data/json/order.json") {
                bytes[40] ^= 0xFF
                entries[index] = .file(name, bytes)
            }
        }
        let zip = work.path + "/changed.zip"
        try TestZip.make(zip, entries)
        let findings = try verify(zip).findings
        #expect(findings.contains { $0.code == "checksum-mismatch" && $0.path == "data/json/order.json" })
    }

    @Test(arguments: ["../escaped.txt", "porta-req-1/../../escaped.txt", "/tmp/escaped.txt", "C:/escaped.txt",
                      "porta-req-1\\..\\escaped.txt", "porta-req-1//escaped.txt"])
    func anEntryThatWouldLeaveTheFolderIsRefused(_ name: String) async throws {
        let zip = work.path + "/escape.zip"
        try TestZip.make(zip, try await sampleEntries() + [.file(name, Array("x".utf8))])
        #expect(try refusal(zip) == "zip-unsafe-path")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escaped.txt"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/../escaped.txt"))
    }

    @Test func aSymlinkEntryIsRefusedNotCreated() async throws {
        let zip = work.path + "/link.zip"
        try TestZip.make(zip, try await sampleEntries() + [.symlink("porta-req-1/data/secret", target: "/etc/passwd")])
        #expect(try refusal(zip) == "zip-symlink")
    }

    @Test func aBombByCompressionRatioIsRefused() throws {
        let zip = work.path + "/ratio.zip"
        try TestZip.make(zip, [.file("bag/data/zeros.bin", [UInt8](repeating: 0, count: 32 << 20))])
        #expect(try refusal(zip) == "zip-bomb")
    }

    @Test func aBombByTotalSizeIsRefused() async throws {
        let zip = work.path + "/size.zip"
        try TestZip.make(zip, try await sampleEntries())
        #expect(try refusal(zip, limits: ZipLimits(maximumTotalBytes: 10_000)) == "zip-bomb")
    }

    @Test func tooManyEntriesAreRefused() async throws {
        let zip = work.path + "/many.zip"
        try TestZip.make(zip, try await sampleEntries())
        #expect(try refusal(zip, limits: ZipLimits(maximumEntries: 5)) == "zip-too-many-entries")
    }

    @Test func namesThatDifferOnlyInNormalisationAreRefused() throws {
        let zip = work.path + "/twins.zip"
        try TestZip.make(zip, [.file("bag/data/caf\u{E9}.txt", [1]), .file("bag/data/cafe\u{301}.txt", [2])])
        #expect(try refusal(zip) == "zip-name-collision")
    }

    @Test(arguments: [("data/json/A.json", "data/json/a.json"), ("data/Stra\u{DF}e.txt", "data/STRASSE.txt")])
    func namesThatDifferOnlyInCaseAreRefused(_ names: (String, String)) throws {
        let zip = work.path + "/case-twins.zip"
        try TestZip.make(zip, [.file("bag/" + names.0, [1]), .file("bag/" + names.1, [2])])
        #expect(try refusal(zip) == "zip-name-collision")
    }

    @Test func aNameThatIsNotUTF8IsRefused() throws {
        let zip = work.path + "/latin1.zip"
        try TestZip.make(zip, [.file("bag/data/QQQQ.txt", [1])])
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zip)))
        for index in bytes.indices.dropLast(3) where bytes[index..<index + 4].elementsEqual(Array("QQQQ".utf8)) {
            bytes.replaceSubrange(index..<index + 4, with: [0xFF, 0xFE, 0xC3, 0x28])
        }
        try Data(bytes).write(to: URL(fileURLWithPath: zip))
        #expect(try refusal(zip) == "zip-name-not-utf8")
    }

    @Test func aTruncatedZipIsRefused() async throws {
        let zip = work.path + "/short.zip"
        try TestZip.make(zip, try await sampleEntries())
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zip)))
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: zip))
        #expect(try refusal(zip) == "bad-zip")
    }

    @Test func aFileThatIsNeitherFolderNorZipCannotBeVerified() throws {
        try BagFiles.write("not a bundle", to: work.path + "/note.txt")
        #expect(throws: VerifyError.self) { try verify(work.path + "/note.txt") }
    }
}
