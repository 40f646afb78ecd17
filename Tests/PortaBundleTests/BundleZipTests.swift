import Foundation
import PortaBundle
import PortaTestSupport
import Testing

/// `BundleZip`: a bag as one deterministic, owner-only zip that outside tools read.
@Suite struct BundleZipTests {
    let folder = TemporaryFolder("porta-zip")

    /// A small bag made by bagit-python itself, so the zip is judged on a bag nobody here wrote.
    func bag() throws -> String {
        let bag = folder.file("porta-zip-test")
        try FileManager.default.createDirectory(atPath: bag + "/sub", withIntermediateDirectories: true)
        try BagFiles.write("one\n", to: bag + "/b.txt")
        try BagFiles.write("two\n", to: bag + "/sub/a.txt")
        try BagFiles.write(String(repeating: "three\n", count: 10_000), to: bag + "/A.txt")
        try PeerTool.require("bagit.py")
        let made = try ExternalProcess.run("bagit.py", [bag])
        #expect(made.status == 0, "\(made.combined)")
        return bag
    }

    /// The zip's entries as Python's zipfile reads them: name, time, Unix mode.
    func entries(_ zip: String) throws -> [String] {
        let script = """
            import sys, zipfile
            for info in zipfile.ZipFile(sys.argv[1]).infolist():
                print(info.filename, "%04d-%02d-%02dT%02d:%02d:%02d" % info.date_time, oct(info.external_attr >> 16))
            """
        let listed = try ExternalProcess.run("python3", ["-c", script, zip])
        #expect(listed.status == 0, "\(listed.combined)")
        return listed.standardOutput.split(separator: "\n").map(String.init)
    }

    @Test func theSameBagGivesTheSameBytesInAnyTimeZone() throws {
        let bag = try bag()
        try BundleZip.pack(bag, to: folder.file("one.zip"))
        let other = try ExternalProcess.run(ExternalProcess.portaBinary, ["pack", bag, "--out", folder.file("two.zip")],
                                            environment: ["TZ": "Pacific/Kiritimati"])
        #expect(other.status == 0, "\(other.combined)")
        #expect(FileManager.default.contents(atPath: folder.file("one.zip")) == FileManager.default.contents(atPath: folder.file("two.zip")))
    }

    @Test func entriesAreSortedUnderOneFolderWithFixedTimesAndOwnerOnlyModes() throws {
        let bag = try bag()
        try BundleZip.pack(bag, to: folder.file("bag.zip"))
        let listed = try entries(folder.file("bag.zip"))
        let names = listed.map { String($0.split(separator: " ")[0]) }
        #expect(names.first == "porta-zip-test/")
        #expect(names.allSatisfy { $0.hasPrefix("porta-zip-test/") })
        #expect(names == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(names.contains("porta-zip-test/data/sub/a.txt") && names.contains("porta-zip-test/bag-info.txt"))
        #expect(listed.allSatisfy { $0.contains(" 2000-01-01T00:00:00 ") })
        #expect(listed.allSatisfy { $0.hasSuffix(" 0o100600") || $0.hasSuffix(" 0o40700") }, "\(listed)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: folder.file("bag.zip"))[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    @Test func bagitPythonValidatesTheBagUnzippedByPython() throws {
        let bag = try bag()
        try BundleZip.pack(bag, to: folder.file("bag.zip"))
        let unzipped = try ExternalProcess.run("python3", ["-m", "zipfile", "-e", folder.file("bag.zip"), folder.file("unzipped")])
        #expect(unzipped.status == 0, "\(unzipped.combined)")
        #expect(try PeerTool.bagitValidate(folder.file("unzipped/porta-zip-test")).status == 0)
    }

    @Test func anExistingZipIsNeverReplacedUnlessAsked() throws {
        let bag = try bag()
        try BagFiles.write("keep", to: folder.file("bag.zip"))
        #expect(throws: BundleError.self) { try BundleZip.pack(bag, to: folder.file("bag.zip")) }
        #expect(try String(contentsOfFile: folder.file("bag.zip"), encoding: .utf8) == "keep")
        try BundleZip.pack(bag, to: folder.file("bag.zip"), replacing: true)
        #expect(SafeUnzip.looksLikeZip(folder.file("bag.zip")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bag.zip", "porta-zip-test"])
    }

    @Test func aBagHoldingALinkIsNotZipped() throws {
        let bag = try bag()
        try FileManager.default.createSymbolicLink(atPath: bag + "/data/link", withDestinationPath: "/etc/passwd")
        #expect(throws: BundleError.self) { try BundleZip.pack(bag, to: folder.file("bag.zip")) }
        #expect(!FileManager.default.fileExists(atPath: folder.file("bag.zip")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["porta-zip-test"])
    }
}
