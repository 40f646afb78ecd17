import Foundation
import PortaFormats
import PortaModel

/// What the register needs to know of a bundle that is signed, sealed or imported: its
/// request, id and digest, what it holds by kind, and whom it is about (the identifiers, which
/// the register keeps only as keyed hashes).
public struct BundleFacts: Sendable {
    public let requestID: String
    public let purpose: Purpose
    public let bundleID: String
    /// The sending controller's id.
    public let controller: String
    /// SHA-256 of `tagmanifest-sha256.txt`, hex.
    public let digest: String
    public let recordsByKind: [(kind: String, records: Int)]
    /// The subject's identifiers, each read against the bundle's own creation day.
    public let subject: [SubjectIdentifier]

    /// The facts of a manifest already read, and the digest of its bag.
    public init(manifest: PortaManifest, digest: String) {
        requestID = manifest.request.id
        purpose = manifest.request.purpose
        bundleID = manifest.bundleID
        controller = manifest.controller.id
        self.digest = digest
        recordsByKind = manifest.files.filter { $0.format == RecordFileFormat.json.rawValue }
            .compactMap { file in file.kind.map { ($0, file.records ?? 0) } }
        subject = manifest.subjectIdentifiers.compactMap { $0.identifier(on: manifest.createdAt.date) }
    }

    /// The facts of the bundle folder or zip at `path`, read from its `porta-manifest.json` and
    /// tag manifest only (``SafeUnzip`` writes just those two of a zip into a scratch folder).
    /// - Throws: ``BundleError`` `io` when the bundle cannot be read, `damaged` when its zip is
    ///   refused or its manifest is not valid.
    public static func read(_ path: String, scratch: String? = nil) throws(BundleError) -> BundleFacts {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw BundleError(.io, "no such bundle", path: path)
        }
        if isFolder.boolValue { return try read(bag: path, naming: path) }
        let folder: ScratchFolder
        do { folder = try ScratchFolder(in: scratch, prefix: "porta-facts") } catch {
            throw BundleError(.io, "cannot make a scratch folder in \(scratch ?? NSTemporaryDirectory())", path: path)
        }
        defer { folder.remove() }
        let bag: String
        do {
            bag = try SafeUnzip.unpack(path, into: folder.path, limits: ZipLimits(),
                                       tagFiles: [BundleLayout.manifest, BundleLayout.tagManifest])
        } catch {
            throw BundleError(.damaged, "the zip was refused: \(error)", path: path)
        }
        return try read(bag: bag, naming: path)
    }

    private static func read(bag: String, naming path: String) throws(BundleError) -> BundleFacts {
        guard let manifest = PortaManifest.read(bag: bag).0, let digest = BagDigest.of(bagAt: bag) else {
            throw BundleError(.damaged, "the bundle's \(BundleLayout.manifest) cannot be read (run porta verify)", path: path)
        }
        return BundleFacts(manifest: manifest, digest: digest)
    }
}
