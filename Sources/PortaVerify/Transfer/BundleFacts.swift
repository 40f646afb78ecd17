import Foundation
import PortaBundle
import PortaFormats
import PortaModel
import ZIPFoundation

/// What the register needs to know of a bundle that is signed, sealed or imported: its
/// request, id and digest, what it holds by kind, and whom it is about (the identifiers, which
/// the register keeps only as keyed hashes).
public struct BundleFacts: Sendable {
    public let requestID: String
    public let purpose: Purpose
    public let bundleID: String
    /// SHA-256 of `tagmanifest-sha256.txt`, hex.
    public let digest: String
    public let recordsByKind: [(kind: String, records: Int)]
    public let subject: [SubjectIdentifier]

    init(manifest: PortaManifest, digest: String) {
        requestID = manifest.request.id
        purpose = manifest.request.purpose
        bundleID = manifest.bundleID
        self.digest = digest
        recordsByKind = manifest.files.filter { $0.format == RecordFileFormat.json.rawValue }
            .compactMap { file in file.kind.map { ($0, file.records ?? 0) } }
        subject = manifest.subjectIdentifiers.compactMap { $0.identifier(on: manifest.createdAt.date) }
    }

    /// The facts of the bundle folder or zip at `path`, read from its `porta-manifest.json` and
    /// tag manifest only (a zip's two entries are read into `scratch`, never the whole zip).
    /// - Throws: ``VerifyError`` when the bundle or its manifest cannot be read.
    public static func read(_ path: String, scratch: String? = nil) throws(VerifyError) -> BundleFacts {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw VerifyError(path: path, message: "no such bundle") }
        if isFolder.boolValue { return try read(bag: path) }
        let folder = try ScratchFolder(verifying: path, in: scratch)
        defer { folder.remove() }
        guard let archive = try? Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: .utf8) else {
            throw VerifyError(path: path, message: "not a bundle folder or zip")
        }
        for name in [BundleLayout.manifest, BundleLayout.tagManifest] {
            guard let entry = archive.first(where: { entry in
                let parts = entry.path(using: .utf8).split(separator: "/", omittingEmptySubsequences: false)
                return parts.last.map(String.init) == name && parts.count <= 2 && entry.type == .file
            }), entry.uncompressedSize <= 64 << 20 else {
                throw VerifyError(path: path, message: "the zip holds no \(name)")
            }
            var bytes = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) } } catch {
                throw VerifyError(path: path, message: "\(name) cannot be read from the zip")
            }
            guard FileManager.default.createFile(atPath: folder.path + "/" + name, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
                throw VerifyError(path: path, message: "no room in the scratch folder")
            }
        }
        return try read(bag: folder.path, naming: path)
    }

    private static func read(bag: String, naming path: String? = nil) throws(VerifyError) -> BundleFacts {
        guard let manifest = PortaManifest.read(bag: bag).0, let digest = BagDigest.of(bagAt: bag) else {
            throw VerifyError(path: path ?? bag, message: "the bundle's \(BundleLayout.manifest) cannot be read (run porta verify)")
        }
        return BundleFacts(manifest: manifest, digest: digest)
    }
}
