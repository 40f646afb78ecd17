import Foundation

/// What the SHA-256 tag manifest must list, so that it (and a signature over it) pins the
/// whole bundle: every payload manifest (RFC 8493 §2.2.1) and, by the `porta/1` profile, the
/// bag declaration, `bag-info.txt` and `porta-manifest.json` (those of them the bag holds: one
/// it lacks is a finding of its own). A bag whose tag manifest lists less could be changed
/// without breaking its signature.
public enum TagManifestCoverage {
    /// The files the tag manifest must list, of the bag's top-level `files`.
    public static func required(files: [String]) -> [String] {
        let payloadManifests = files.filter { $0.hasPrefix("manifest-") && $0.hasSuffix(".txt") }.sorted()
        let profiled = [BundleLayout.declaration, BundleLayout.bagInfo, BundleLayout.manifest].filter(files.contains)
        return profiled.prefix(2) + payloadManifests + profiled.dropFirst(2)
    }

    /// The required files the bag's `tagmanifest-sha256.txt` does not list; nil when the tag
    /// manifest cannot be read (other rules report that).
    public static func missing(inBag bag: String) -> [String]? {
        guard case .success(let file) = TagFile.read(BundleLayout.tagManifest, in: bag) else { return nil }
        let listed = Set(ManifestFile.parse(file, algorithm: .sha256, payload: false).0.entries.map(\.path))
        let files = (try? FileManager.default.contentsOfDirectory(atPath: bag)) ?? []
        return required(files: files).filter { !listed.contains($0) }
    }
}
