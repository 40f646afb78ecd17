import Crypto
import Foundation

extension BagWriter {
    /// Removes the staging folders a killed writer left beside `destination`
    /// (`.<name>.partial-<token>`), so a rerun starts clean. Never touches the destination.
    public static func removeStaleStaging(for destination: String) {
        let url = URL(fileURLWithPath: destination)
        let parent = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".partial-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
    }
}

/// The digest of a bag already written: SHA-256 of its `tagmanifest-sha256.txt`, which pins
/// every byte (as ``BagWriter`` reports it when it commits).
public enum BagDigest {
    /// The digest, or nil when the tag manifest cannot be read.
    public static func of(bagAt path: String) -> String? {
        guard let bytes = FileManager.default.contents(atPath: path + "/" + BundleLayout.tagManifest) else { return nil }
        return SHA256.hash(data: bytes).hex
    }
}
