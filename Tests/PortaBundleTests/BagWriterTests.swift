import Foundation
import PortaBundle
import PortaModel
import PortaTestSupport
import Testing

@Suite struct BagWriterTests {
    func writeBag(at destination: String, payload: [String: String] = ["data/a.txt": "hello\n"]) throws -> BagWriter.CommittedBag {
        let bag = try BagWriter(destination: destination)
        for (path, text) in payload.sorted(by: { $0.key < $1.key }) {
            let file = try bag.createPayloadFile(path)
            try Array(text.utf8).withUnsafeBytes { try file.write($0) }
            try bag.closePayloadFile(file, at: path)
        }
        try bag.addTagFile("porta-manifest.json", contents: Array("{}\n".utf8))
        return try bag.commit(bagInfo: [("Source-Organization", "Shop AB")])
    }

    @Test func writesTheDeclarationManifestsAndPayloadOxum() throws {
        let folder = TemporaryFolder()
        let committed = try writeBag(at: folder.file("bag"), payload: ["data/a.txt": "hello\n", "data/b/c.txt": "x"])
        let files = try BagFiles.contents(of: committed.path)
        #expect(String(decoding: files["bagit.txt"]!, as: UTF8.self) == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        #expect(String(decoding: files["bag-info.txt"]!, as: UTF8.self) == "Source-Organization: Shop AB\nPayload-Oxum: 7.2\n")
        #expect(String(decoding: files["manifest-sha256.txt"]!, as: UTF8.self) == """
            5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  data/a.txt
            2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  data/b/c.txt

            """)
        let tagManifest = String(decoding: files["tagmanifest-sha256.txt"]!, as: UTF8.self)
        #expect(tagManifest.split(separator: "\n").map { $0.split(separator: " ").last! } ==
                ["bag-info.txt", "bagit.txt", "manifest-sha256.txt", "porta-manifest.json"])
    }

    @Test func theDigestIsTheSHA256OfTheTagManifest() throws {
        let folder = TemporaryFolder()
        let committed = try writeBag(at: folder.file("bag"))
        let output = try ExternalProcess.run("sha256sum", [committed.path + "/tagmanifest-sha256.txt"])
        #expect(output.standardOutput.hasPrefix(committed.digest))
    }

    @Test func filesAndFoldersAreOwnerOnly() throws {
        let folder = TemporaryFolder()
        let committed = try writeBag(at: folder.file("bag"), payload: ["data/json/a.json": "[]"])
        for relative in ["", "/data", "/data/json", "/data/json/a.json", "/bagit.txt", "/tagmanifest-sha256.txt"] {
            let mode = try FileManager.default.attributesOfItem(atPath: committed.path + relative)[.posixPermissions] as? Int
            #expect(mode.map { $0 & 0o077 } == 0, "\(relative) is readable by others")
        }
    }

    @Test func neverOverwritesAnExistingBundle() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("bag"), withIntermediateDirectories: false)
        #expect { try BagWriter(destination: folder.file("bag")) } throws: { ($0 as? BundleError)?.code == .alreadyExists }
    }

    @Test func anAbandonedBagLeavesNothingBehind() throws {
        let folder = TemporaryFolder()
        do {
            let bag = try BagWriter(destination: folder.file("bag"))
            let file = try bag.createPayloadFile("data/a.txt")
            try Array("half".utf8).withUnsafeBytes { try file.write($0) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(arguments: ["data/../escape.txt", "/etc/passwd", "data//a", "data/./a", "bagit.txt", "data\\a.txt", "other/a.txt"])
    func refusesPayloadPathsOutsideData(_ path: String) throws {
        let folder = TemporaryFolder()
        let bag = try BagWriter(destination: folder.file("bag"))
        #expect { try bag.createPayloadFile(path) } throws: { ($0 as? BundleError)?.code == .invalidPath }
    }

    @Test func refusesBagInfoValuesThatBreakTheLine() throws {
        let folder = TemporaryFolder()
        let bag = try BagWriter(destination: folder.file("bag"))
        #expect { try bag.commit(bagInfo: [("Source-Organization", "Shop\nPayload-Oxum: 0.0")]) } throws: {
            ($0 as? BundleError)?.code == .invalidValue
        }
    }
}

@Suite struct BagPathTests {
    @Test(arguments: [("data/100%.txt", "data/100%25.txt"), ("data/a\nb", "data/a%0Ab"), ("data/a\rb", "data/a%0Db"), ("data/å ö", "data/å ö")])
    func percentEncodesOnlyWhatRFC8493Requires(_ path: String, _ encoded: String) {
        #expect(BagPath.encode(path) == encoded)
        #expect(BagPath.decode(encoded) == path)
    }

    @Test func lowerCaseEscapesDecodeToo() {
        #expect(BagPath.decode("data/a%0ab%0d%25") == "data/a\nb\r%")
    }

    @Test(arguments: ["data/a%20b", "data/a%", "data/a%2"])
    func otherPercentEscapesAreMalformed(_ path: String) {
        #expect(BagPath.decode(path) == nil)
    }
}

@Suite struct BundleIdentityTests {
    @Test func theBundleIdIsDerivedNotRandom() throws {
        let time = try Timestamp(parsing: "2026-01-01T00:00:00Z")
        let first = BundleIdentity.bundleID(controllerID: "shop", requestID: "req-1", createdAt: time)
        #expect(first == BundleIdentity.bundleID(controllerID: "shop", requestID: "req-1", createdAt: time))
        #expect(first != BundleIdentity.bundleID(controllerID: "shop", requestID: "req-2", createdAt: time))
        #expect(first.range(of: #"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#, options: .regularExpression) != nil)
    }
}
