import Foundation
import PortaBytes
import ZIPFoundation

/// Writes a bag as one deterministic zip: every file and folder under one top folder named
/// after the bag, entries in byte order of their paths, each with the same fixed time and
/// owner-only permissions. Files are deflated, except the attachments under `data/files/`,
/// which are stored as they are (photos and documents are compressed already; deflating them
/// costs time and gains nothing). The same bag gives the same bytes on any machine and in any
/// time zone.
///
/// The zip is written as a ``PendingFile``: it appears only when complete, owner-only.
public enum BundleZip {
    /// The time every entry carries: 2000-01-01T00:00:00Z.
    public static let entryDate = Date(timeIntervalSince1970: 946_684_800)
    /// The folder whose files are stored rather than deflated.

    /// Zips the bag folder `bag` into `zip`. With `replacing` an existing `zip` is replaced
    /// whole; without, an existing one is an error.
    /// - Throws: ``BundleError`` naming the file.
    public static func pack(_ bag: String, to zip: String, replacing: Bool = false) throws {
        if !replacing && FileManager.default.fileExists(atPath: zip) {
            throw BundleError(.alreadyExists, "the zip exists already; porta never overwrites a bundle", path: zip)
        }
        let top = URL(fileURLWithPath: bag).standardizedFileURL.lastPathComponent
        let entries = try walk(bag)
        let emptyArchive: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        try PendingFile.write(to: zip, replacing: replacing) { sink in
            try sink.append(emptyArchive)
            try write(entries, of: bag, under: top, to: sink.temporaryPath)
        }
    }

    /// Zips the bag folder `bag` into `bag.zip` beside it, then removes the folder; returns
    /// the zip's path. Killed at any point, whatever shows under the bundle's names is
    /// complete: the folder is first moved, in one step, into a scratch folder beside it and
    /// removed from there (a scratch folder that a killed run left is removed by the next).
    public static func packReplacingFolder(_ bag: String) throws -> String {
        let folder = bag.hasSuffix("/") ? String(bag.dropLast()) : bag
        let zip = folder + ".zip"
        try pack(folder, to: zip)
        let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        let aside = try ScratchFolder(in: parent, prefix: "porta-packed")
        guard rename(folder, aside.path + "/bag") == 0 else {
            aside.remove()
            throw BundleError(.io, "the zip is written, but the folder cannot be removed (\(SystemReason.current()))", path: folder)
        }
        aside.remove()
        return zip
    }

    /// A file or folder in the bag, by its path relative to the bag.
    private struct Item {
        let path: String
        let isFolder: Bool
        let size: Int64
    }

    /// Every file and folder under `bag`, sorted by path bytes; a link or anything but a
    /// regular file or folder is refused.
    private static func walk(_ bag: String) throws -> [Item] {
        var items: [Item] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? bag : bag + "/" + relative
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
                throw BundleError(.io, "cannot list the folder", path: folder)
            }
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(bag + "/" + path, &info) == 0 else { throw BundleError(.io, "cannot read the file", path: bag + "/" + path) }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    items.append(Item(path: path, isFolder: true, size: 0))
                    pending.append(path)
                case S_IFREG:
                    items.append(Item(path: path, isFolder: false, size: Int64(info.st_size)))
                default:
                    throw BundleError(.invalidPath, "a bag may hold only files and folders, not links", path: bag + "/" + path)
                }
            }
        }
        return items.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    private static func write(_ items: [Item], of bag: String, under top: String, to path: String) throws {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .update, pathEncoding: .utf8) } catch {
            throw BundleError(.io, "cannot start the zip", path: path)
        }
        do {
            try archive.addEntry(with: top + "/", type: .directory, uncompressedSize: Int64(0), modificationDate: entryDate,
                                 permissions: 0o700, provider: { _, _ in Data() })
            for item in items {
                if item.isFolder {
                    try archive.addEntry(with: top + "/" + item.path + "/", type: .directory, uncompressedSize: Int64(0),
                                         modificationDate: entryDate, permissions: 0o700, provider: { _, _ in Data() })
                    continue
                }
                guard let handle = FileHandle(forReadingAtPath: bag + "/" + item.path) else {
                    throw BundleError(.io, "cannot read the file", path: bag + "/" + item.path)
                }
                defer { try? handle.close() }
                let method: CompressionMethod = item.path.hasPrefix(BundleLayout.filesFolder) ? .none : .deflate
                try archive.addEntry(with: top + "/" + item.path, type: .file, uncompressedSize: item.size, modificationDate: entryDate,
                                     permissions: 0o600, compressionMethod: method, bufferSize: 1 << 16) { position, size in
                    try handle.seek(toOffset: UInt64(position))
                    return try handle.read(upToCount: size) ?? Data()
                }
            }
        } catch let error as BundleError {
            throw error
        } catch {
            throw BundleError(.io, "cannot write the zip (\(type(of: error)))", path: path)
        }
    }
}
