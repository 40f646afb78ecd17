import Foundation
import PortaTestSupport
import PortaVerify
import Testing

/// Zips that lie in their headers are judged by the bytes they hold, not by their claims.
@Suite struct HostileZipTests {
    /// A zip of 40 MiB of zeros (about 40 KiB packed) whose central directory claims a packed
    /// size of 2 GiB, past the end of the file, so that a ratio taken from the header would see
    /// no bomb.
    static let lyingZip = """
        import zipfile, struct, sys
        path = sys.argv[1]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("bag/bagit.txt", "BagIt-Version: 1.0\\nTag-File-Character-Encoding: UTF-8\\n")
            z.writestr("bag/data/zeros.bin", b"\\0" * (40 << 20))
        data = bytearray(open(path, "rb").read())
        i = 0
        while (i := data.find(b"PK\\x01\\x02", i)) >= 0:
            name = bytes(data[i + 46:i + 46 + struct.unpack_from("<H", data, i + 28)[0]])
            if name.endswith(b"zeros.bin"):
                struct.pack_into("<I", data, i + 20, 0x7FFFFFFF)
            i += 4
        open(path, "wb").write(bytes(data))
        """

    @Test func aPackedSizeClaimedBeyondTheFileIsRefusedBeforeAnythingIsUnpacked() throws {
        let folder = TemporaryFolder("porta-zip"), zip = folder.file("lie.zip")
        let made = try ExternalProcess.run("python3", ["-c", Self.lyingZip, zip])
        #expect(made.status == 0, "\(made.combined)")
        let report = try BundleVerifier(maxLevel: 1).verify(zip)
        #expect(report.findings.map(\.code) == ["zip-size-out-of-range"], "\(report.text)")
    }

    /// Sets the "encrypted" flag of a zip's first central directory entry.
    static let encryptFirstEntry = """
        import struct, sys
        data = bytearray(open(sys.argv[1], "rb").read())
        i = data.find(b"PK\\x01\\x02")
        struct.pack_into("<H", data, i + 8, struct.unpack_from("<H", data, i + 8)[0] | 1)
        open(sys.argv[1], "wb").write(bytes(data))
        """

    @Test func anEncryptedEntryIsRefusedByName() async throws {
        let bundle = try await SampleBundle.make()
        let zip = bundle.out.file("bundle.zip")
        #expect(try ExternalProcess.porta(["pack", bundle.path, "--out", zip]).status == 0)
        let patched = try ExternalProcess.run("python3", ["-c", Self.encryptFirstEntry, zip])
        #expect(patched.status == 0, "\(patched.combined)")
        let report = try BundleVerifier(maxLevel: 1).verify(zip)
        #expect(report.findings.map(\.code) == ["zip-encrypted"], "\(report.text)")
    }

    /// Rewrites the local header of the entry whose name ends in argv[2]: `name` swaps one letter of its
    /// name, `size` adds one to its packed and unpacked sizes, `past-end` makes its packed size
    /// reach past the file, in both headers.
    static let patchLocalHeader = """
        import struct, sys
        path, target, how = sys.argv[1], sys.argv[2].encode(), sys.argv[3]
        data = bytearray(open(path, "rb").read())
        i = data.find(b"PK\\x01\\x02")
        while i >= 0:
            n = struct.unpack_from("<H", data, i + 28)[0]
            if bytes(data[i + 46:i + 46 + n]).endswith(b"/" + target):
                break
            i = data.find(b"PK\\x01\\x02", i + 4)
        local = struct.unpack_from("<I", data, i + 42)[0]
        if how == "name":
            data[local + 30] ^= 0x20
        elif how == "size":
            for at in (18, 22):
                struct.pack_into("<I", data, local + at, struct.unpack_from("<I", data, local + at)[0] + 1)
        else:
            struct.pack_into("<I", data, local + 18, 0x7FFFFFF0)
            struct.pack_into("<I", data, i + 20, 0x7FFFFFF0)
        open(path, "wb").write(bytes(data))
        """

    func verdictOnSampleZip(patchedBy how: String) async throws -> [String] {
        let bundle = try await SampleBundle.make()
        let zip = bundle.out.file("bundle.zip")
        #expect(try ExternalProcess.porta(["pack", bundle.path, "--out", zip]).status == 0)
        let patched = try ExternalProcess.run("python3", ["-c", Self.patchLocalHeader, zip, "data/json/person.json", how])
        #expect(patched.status == 0, "\(patched.combined)")
        return try BundleVerifier(maxLevel: 1).verify(zip).findings.map(\.code)
    }

    @Test func aLocalHeaderNamingAnotherFileIsRefused() async throws {
        #expect(try await verdictOnSampleZip(patchedBy: "name") == ["zip-header-mismatch"])
    }

    @Test func aLocalHeaderGivingAnotherSizeIsRefused() async throws {
        #expect(try await verdictOnSampleZip(patchedBy: "size") == ["zip-header-mismatch"])
    }

    @Test func aSizePointingPastTheEndOfTheFileIsRefused() async throws {
        #expect(try await verdictOnSampleZip(patchedBy: "past-end") == ["zip-size-out-of-range"])
    }

    /// One entry whose zip64 fields claim sizes of 2^64 - 1.
    static let zip64Claims = """
        import struct, zlib, sys
        name, data = b"bag/bagit.txt", b"BagIt-Version: 1.0\\nTag-File-Character-Encoding: UTF-8\\n"
        huge = 0xFFFFFFFFFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, huge, huge)
        local = struct.pack("<IHHHHHIIIHH", 0x04034b50, 45, 0, 0, 0, 0x21, zlib.crc32(data), 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra)) + name + extra
        central_extra = struct.pack("<HHQQQ", 1, 24, huge, huge, 0)
        central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 45, 45, 0, 0, 0, 0x21, zlib.crc32(data), 0xFFFFFFFF, 0xFFFFFFFF,
                              len(name), len(central_extra), 0, 0, 0, 0o100600 << 16, 0xFFFFFFFF) + name + central_extra
        body = local + data
        open(sys.argv[1], "wb").write(body + central + struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 1, 1, len(central), len(body), 0))
        """

    @Test func sizesOfTwoToTheSixtyFourAreRefusedNotTrusted() throws {
        let folder = TemporaryFolder("porta-zip"), zip = folder.file("zip64.zip")
        let made = try ExternalProcess.run("python3", ["-c", Self.zip64Claims, zip])
        #expect(made.status == 0, "\(made.combined)")
        let report = try BundleVerifier(maxLevel: 1).verify(zip)
        #expect(!report.isValid)
        #expect(Set(report.findings.map(\.code)).isSubset(of: ["zip-entry-unreadable", "zip-size-out-of-range"]), "\(report.text)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["zip64.zip"], "nothing unpacked is left")
    }
}
