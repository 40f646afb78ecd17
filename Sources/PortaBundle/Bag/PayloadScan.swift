import Foundation
import PortaBytes

/// The files actually under a bag's `data/`, found without following any symlink.
struct PayloadScan {
    /// Regular files, by path relative to the bag (as the file system spells them).
    var files: [String] = []
    /// Each regular file's size, from the walk's own `lstat`.
    var sizes: [String: Int64] = [:]
    /// Each file's on-disk spelling, looked up by any canonically equivalent name: Swift compares
    /// strings by canonical equivalence, so a manifest path finds its file whether either side
    /// is NFC or NFD. Of two equivalent names on disk, the first in walk order.
    var spellings: [String: String] = [:]
    /// Files whose names are canonically equivalent to an earlier file's but spelled with other
    /// bytes (an NFD twin of an NFC name): the dictionaries above, keyed by `String`, cannot tell
    /// them apart, so they are listed here, as the file system spells them.
    var twins: [String] = []
    /// The bytes of every regular file, twins included.
    var octets: Int64 = 0
    /// Problems met on the way: links, devices, names that are not UTF-8.
    var findings: [BundleProblem] = []

    /// Walks `data/` inside `bag`.
    init(bag: String) {
        walk(bag: bag, relative: "data")
        for file in files {
            if spellings[file] != nil {
                twins.append(file)
                findings.append(BundleProblem(code: .normalizationCollision, path: file,
                                        message: "two payload files have names that differ only in Unicode normalisation"))
            } else {
                spellings[file] = file
            }
        }
    }

    private mutating func walk(bag: String, relative: String) {
        guard let directory = opendir(bag + "/" + relative) else {
            findings.append(BundleProblem(code: .unreadable, path: relative, message: "folder cannot be read"))
            return
        }
        defer { closedir(directory) }
        var names: [String] = []
        DirectoryEntries.forEachName(in: directory) { bytes in
            guard let name = String(validating: bytes, as: UTF8.self) else {
                findings.append(BundleProblem(code: .nameNotUTF8, path: relative,
                                        message: "holds a file whose name is not valid UTF-8"))
                return
            }
            names.append(name)
        }
        for name in names.sorted() {
            let path = relative + "/" + name
            var info = stat()
            guard lstat(bag + "/" + path, &info) == 0 else {
                findings.append(BundleProblem(code: .unreadable, path: path, message: "file cannot be read"))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                files.append(path)
                sizes[path] = Int64(info.st_size)
                octets += Int64(info.st_size)
            case S_IFDIR: walk(bag: bag, relative: path)
            case S_IFLNK:
                findings.append(BundleProblem(code: .symlink, path: path,
                                        message: "payload holds a symbolic link; bundles must not, and it is not followed"))
            default:
                findings.append(BundleProblem(code: .specialFile, path: path,
                                        message: "payload holds a device, socket or pipe"))
            }
        }
    }
}
