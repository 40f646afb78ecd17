import Foundation
import PortaBytes

/// An owner-only (0700) folder for one job's scratch files (an unzipped bundle, an opened
/// sealed file, an id index), made with a random name and removed when the job ends.
///
/// Scratch folders can hold a person's data, so none may outlive its job: each is removed when
/// its job ends, including on error; ``removeAll()`` removes every one still open (what the
/// `porta` command does on SIGINT and SIGTERM); and making a new one first removes those that a
/// process that died (killed, crashed) left in the same place. The name carries the process id
/// for that: `.PREFIX-PID-XXXXXX`.
public struct ScratchFolder: Sendable {
    public let path: String

    /// A new folder inside `parent`, or inside the system's temporary folder when nil.
    /// - Throws: ``BundleError`` `io` when the folder cannot be made.
    public init(in parent: String?, prefix: String = "porta-scratch") throws {
        let base = parent ?? NSTemporaryDirectory()
        Self.removeStale(in: base)
        var template = ((base.hasSuffix("/") ? base : base + "/") + "." + prefix + "-\(getpid())-XXXXXX").utf8CString
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BundleError(.io, "cannot make a scratch folder (\(SystemReason.current()))", path: base)
        }
        path = String(cString: made)
        Self.open.insert(path)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
        Self.open.remove(path)
    }

    /// Removes every scratch folder of this process still open; for a signal handler.
    public static func removeAll() {
        for path in open.all() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Removes the scratch folders in `base` that a process which no longer runs left behind:
    /// Porta's names (`.porta-…-PID-XXXXXX`), owned by this user, of a PID that is gone.
    static func removeStale(in base: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        for name in entries where name.hasPrefix(".porta-") {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]), pid > 0, pid != getpid(),
                  kill(pid, 0) == -1, errno == ESRCH else { continue }
            var info = stat()
            let path = (base.hasSuffix("/") ? base : base + "/") + name
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// The folders made and not yet removed by this process.
    private static let open = OpenFolders()

    private final class OpenFolders: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: Set<String> = []
        func insert(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
        func remove(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }
        func all() -> [String] { lock.lock(); defer { lock.unlock() }; return Array(paths) }
    }
}
