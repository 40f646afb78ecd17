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
        if Self.open.firstUse(of: base) { Self.removeStale(in: base) }
        let template = (base.hasSuffix("/") ? base : base + "/") + "." + prefix + "-\(getpid())-XXXXXX"
        // Made and recorded in one step, so that a signal's cleanup sees every folder or none new.
        let made = Self.open.make(in: base) {
            var bytes = template.utf8CString
            return bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) }
        }
        switch made {
        case .made(let path): self.path = path
        case .ending: throw BundleError(.io, "the process is ending; no scratch folder is made", path: base)
        case .failed: throw BundleError(.io, "cannot make a scratch folder (\(SystemReason.current()))", path: base)
        }
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
        Self.open.remove(path)
    }

    /// Removes every scratch folder of this process, and makes no more; for a signal handler.
    /// Besides the folders it knows open, it removes any of this process's own names in the
    /// places it made folders, so one made in the same instant on another thread goes too.
    public static func removeAll() {
        let (paths, bases) = open.close()
        for path in paths { removeWhileInUse(path) }
        let own = "-\(getpid())-"
        for base in bases {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix(".porta-") && name.contains(own) {
                removeWhileInUse((base.hasSuffix("/") ? base : base + "/") + name)
            }
        }
    }

    /// Removes a folder another thread may still be writing into: first moved aside, so that no
    /// new file can appear in it by its path, then removed, again while anything is left.
    private static func removeWhileInUse(_ path: String) {
        let aside = path + ".ending"
        let target = rename(path, aside) == 0 ? aside : path
        for _ in 0..<5 where FileManager.default.fileExists(atPath: target) {
            try? FileManager.default.removeItem(atPath: target)
        }
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
        private var bases: Set<String> = []
        private var closed = false

        enum Made { case made(String), ending, failed }

        /// Makes a folder with `body` and records it, unless the process is ending.
        func make(in base: String, _ body: () -> String?) -> Made {
            lock.lock(); defer { lock.unlock() }
            guard !closed else { return .ending }
            guard let path = body() else { return .failed }
            paths.insert(path)
            bases.insert(base)
            return .made(path)
        }

        func remove(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }

        /// Whether `base` is used for the first time by this process: what dead processes left
        /// there is swept once, not again for every folder (bulk export makes one per subject).
        private var swept: Set<String> = []
        func firstUse(of base: String) -> Bool { lock.lock(); defer { lock.unlock() }; return swept.insert(base).inserted }

        /// Makes no more, and gives the folders open and the places they were made.
        func close() -> (paths: [String], bases: [String]) {
            lock.lock(); defer { lock.unlock() }
            closed = true
            return (Array(paths), Array(bases))
        }
    }
}
