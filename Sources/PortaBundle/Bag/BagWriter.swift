import Crypto
import Foundation
import PortaFormats

/// Writes a BagIt 1.0 bag (RFC 8493) that appears only when it is complete.
///
/// Everything is written into a hidden staging folder beside the destination, owner-only
/// (folders 0700, files 0600); ``commit(bagInfo:)`` writes the declaration, bag-info, the
/// payload manifest and the tag manifest, then renames the folder into place. A writer that
/// is abandoned, or a process that dies, leaves no bag at the destination.
///
/// ```swift
/// let bag = try BagWriter(destination: "/out/bundle")
/// let file = try bag.createPayloadFile("data/json/person.json")
/// // … write to file …
/// _ = try bag.closePayloadFile(file, at: "data/json/person.json")
/// let committed = try bag.commit(bagInfo: [("Source-Organization", "Exempelbutiken AB")])
/// ```
public final class BagWriter {
    /// One file of the payload as the manifest lists it.
    public struct PayloadFile: Hashable, Sendable {
        /// The path relative to the bag, starting `data/`.
        public let path: String
        public let bytes: Int64
        public let sha256: String
    }

    /// A bag that is in place.
    public struct CommittedBag: Hashable, Sendable {
        /// The bag's folder.
        public let path: String
        /// The bundle digest: SHA-256 of `tagmanifest-sha256.txt`, which pins every byte.
        public let digest: String
        /// The payload files, sorted by path.
        public let payload: [PayloadFile]
    }

    /// Where the bag will be once committed.
    public let destination: String
    /// The staging folder written into until commit.
    public let stagingPath: String
    public private(set) var payload: [PayloadFile] = []
    private var tagFiles: [String: [UInt8]] = [:]
    private var committed = false

    /// Prepares a bag at `destination`, which must not exist yet.
    /// - Throws: ``BundleError`` `already-exists` or `io`.
    public init(destination: String) throws {
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        self.destination = url.path
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw BundleError(.alreadyExists, "a file or folder is already there; Porta does not overwrite", path: url.path)
        }
        let parent = url.deletingLastPathComponent().path
        try Self.makeFolder(parent, intermediate: true)
        let token = String(UInt64.random(in: .min ... .max), radix: 36)
        stagingPath = parent + "/." + url.lastPathComponent + ".partial-" + token
        try Self.makeFolder(stagingPath, intermediate: false)
        try Self.makeFolder(stagingPath + "/data", intermediate: false)
    }

    deinit { if !committed { abandon() } }

    /// Creates a new payload file; `path` is relative to the bag and starts with `data/`.
    /// - Throws: ``BundleError`` `invalid-path` for a path outside `data/`, or `io`.
    public func createPayloadFile(_ path: String) throws -> HashingFileSink {
        guard path.hasPrefix("data/"), BagPath.problem(with: path) == nil else {
            throw BundleError(.invalidPath, "payload paths must be plain relative paths under data/", path: path)
        }
        let full = stagingPath + "/" + path
        try Self.makeFolder(URL(fileURLWithPath: full).deletingLastPathComponent().path, intermediate: true)
        return try HashingFileSink(creating: full)
    }

    /// Closes a payload file made by ``createPayloadFile(_:)`` and lists it in the manifest.
    @discardableResult
    public func closePayloadFile(_ sink: HashingFileSink, at path: String) throws -> PayloadFile {
        let (bytes, sha256) = try sink.close()
        let file = PayloadFile(path: path, bytes: bytes, sha256: sha256)
        payload.append(file)
        return file
    }

    /// Adds a tag file (a file beside `data/`, listed in the tag manifest), such as
    /// `porta-manifest.json`.
    public func addTagFile(_ name: String, contents: [UInt8]) throws {
        guard !name.contains("/"), !BundleLayout.bagItFiles.contains(name), BagPath.problem(with: name) == nil else {
            throw BundleError(.invalidPath, "not a tag file name Porta may add", path: name)
        }
        tagFiles[name] = contents
    }

    /// The `Payload-Oxum` of the payload so far: total octets, a dot, the number of files.
    public var payloadOxum: String {
        "\(payload.reduce(0) { $0 + $1.bytes }).\(payload.count)"
    }

    /// Writes the bag's own tag files and moves the bag into place.
    /// - Parameter bagInfo: the labels of `bag-info.txt` in order; `Payload-Oxum` is added.
    /// - Throws: ``BundleError`` `invalid-value` for a label or value a tag file cannot hold,
    ///   `already-exists` if something appeared at the destination meanwhile, or `io`.
    public func commit(bagInfo: [(label: String, value: String)]) throws -> CommittedBag {
        var info = ""
        for (label, value) in bagInfo + [("Payload-Oxum", payloadOxum)] {
            guard !label.isEmpty, !label.contains(":"),
                  !(label + value).contains(where: { $0.isNewline }),
                  label.trimmingCharacters(in: .whitespaces) == label else {
                throw BundleError(.invalidValue, "bag-info label \(label) or its value cannot be written on one line", path: "bag-info.txt")
            }
            info += "\(label): \(value)\n"
        }
        let sortedPayload = payload.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let manifest = sortedPayload.map { "\($0.sha256)  \(BagPath.encode($0.path))\n" }.joined()
        var tags = tagFiles
        tags[BundleLayout.declaration] = Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)
        tags[BundleLayout.bagInfo] = Array(info.utf8)
        tags[BundleLayout.payloadManifest] = Array(manifest.utf8)
        var tagManifest = ""
        for name in tags.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let contents = tags[name]!
            try writeFile(name, contents)
            tagManifest += "\(SHA256.hash(data: contents).hex)  \(BagPath.encode(name))\n"
        }
        let tagManifestBytes = Array(tagManifest.utf8)
        try writeFile(BundleLayout.tagManifest, tagManifestBytes)
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw BundleError(.alreadyExists, "a file or folder appeared while the bag was written", path: destination)
        }
        guard rename(stagingPath, destination) == 0 else {
            throw BundleError(.io, "cannot move the bag into place: \(String(cString: strerror(errno)))", path: destination)
        }
        committed = true
        return CommittedBag(path: destination, digest: SHA256.hash(data: tagManifestBytes).hex, payload: sortedPayload)
    }

    /// Removes the staging folder and everything in it.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: stagingPath)
    }

    private func writeFile(_ name: String, _ contents: [UInt8]) throws {
        let sink = try HashingFileSink(creating: stagingPath + "/" + name)
        try contents.withUnsafeBytes { try sink.write($0) }
        _ = try sink.close()
    }

    private static func makeFolder(_ path: String, intermediate: Bool) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: intermediate,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw BundleError(.io, "cannot create folder", path: path)
        }
    }
}
