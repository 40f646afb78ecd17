import Foundation
import PortaTestSupport
import PortaVerify
import Testing

/// Zips that lie in their headers are judged by the bytes they hold, not by their claims.
@Suite struct HostileZipTests {
    /// A zip of 40 MiB of zeros (about 40 KiB packed) whose central directory claims a packed
    /// size of 2 GiB, so that a ratio taken from the header would see no bomb.
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

    @Test func aPackedSizeClaimedByTheHeaderDoesNotLiftTheRatioBound() throws {
        let folder = TemporaryFolder("porta-zip"), zip = folder.file("lie.zip")
        let made = try ExternalProcess.run("python3", ["-c", Self.lyingZip, zip])
        #expect(made.status == 0, "\(made.combined)")
        let report = try BundleVerifier(maxLevel: 1).verify(zip)
        #expect(report.findings.map(\.code) == ["zip-bomb"], "\(report.text)")
    }
}
