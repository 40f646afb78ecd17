import Foundation
import PortaModel

/// Where an attachment mapping's file content comes from (`file:` in porta.yml):
///
/// ```yaml
/// file: { blob: content }                       # a BLOB column holds the bytes
/// file: { path: stored_path, folder: uploads }  # a column names a file inside a folder
/// ```
///
/// A path from a source is not trusted: it must be relative, have no `..`, and resolve
/// (symlinks followed) to a regular file inside the folder.
public enum FileContentSource: Sendable {
    case blob(column: String)
    /// `folder` is resolved against the config file's folder.
    case path(column: String, folder: String)

    /// The column it reads.
    public var column: String {
        switch self {
        case .blob(let column), .path(let column, _): column
        }
    }

    init(_ node: ConfigNode, baseDirectory: String, sourceKind: SourceConfig.Kind) throws {
        let map = try node.mapping(allowed: ["blob", "path", "folder"])
        if let blob = map.optional("blob") {
            guard map.optional("path") == nil, map.optional("folder") == nil else {
                throw node.error("give either blob or path with folder")
            }
            self = .blob(column: try blob.column(for: sourceKind))
        } else {
            let folderNode = try map.required("folder")
            let folder = try folderNode.string()
            self = .path(column: try map.required("path").column(for: sourceKind),
                         folder: folder.hasPrefix("/") ? folder : baseDirectory + "/" + folder)
        }
    }

    /// The content a source value stands for.
    /// - Throws: ``ModelError`` naming what is wrong, never the path itself.
    func content(of value: SourceValue) throws -> AttachmentContent {
        switch (self, value) {
        case (.blob, .blob(let bytes)):
            return .bytes(bytes)
        case (.blob, .text(let text)):
            return .bytes(Array(text.utf8))
        case (.blob, _):
            throw ModelError(.invalidValue, "the file column holds no bytes")
        case (.path(_, let folder), .text(let relative)):
            return .file(path: try Self.resolve(relative, inside: folder))
        case (.path, _):
            throw ModelError(.invalidValue, "the file column holds no path")
        }
    }

    /// The real path of `relative` inside `folder`, or an error if it leaves it.
    static func resolve(_ relative: String, inside folder: String) throws -> String {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.hasPrefix("/"), !parts.contains(".."), !relative.contains("\0") else {
            throw ModelError(.invalidValue, "the file path must be relative to the folder, without ..")
        }
        guard let root = realPath(folder) else { throw ModelError(.invalidValue, "the attachment folder does not exist") }
        guard let resolved = realPath(root + "/" + relative), resolved.hasPrefix(root + "/") else {
            throw ModelError(.invalidValue, "the file does not exist inside the attachment folder")
        }
        var info = stat()
        guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw ModelError(.invalidValue, "the file is not a regular file")
        }
        return resolved
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
