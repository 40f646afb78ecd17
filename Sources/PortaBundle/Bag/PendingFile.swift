import Foundation

/// A large file written in pieces that appears under its name only when complete: bytes go
/// to a hidden owner-only file beside the destination, which is synced and renamed into place
/// when the writing closure returns, and removed when it throws.
public enum PendingFile {
    /// Where the pieces go.
    public struct Sink {
        let descriptor: Int32
        let path: String

        public func append(_ bytes: some ContiguousBytes) throws {
            guard bytes.withUnsafeBytes({ DescriptorWriting.writeAll($0, to: descriptor) }) else {
                throw BundleError(.io, "cannot write the file (errno \(errno))", path: path)
            }
        }
    }

    /// Runs `body` with a sink into a new file that becomes `path` when `body` returns.
    /// - Throws: ``BundleError`` naming the file, or whatever `body` throws.
    public static func write(to path: String, _ body: (Sink) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial-"
            + String(UInt64.random(in: .min ... .max), radix: 16)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BundleError(.io, "cannot write the file (errno \(errno))", path: path) }
        defer { unlink(temporary) }
        do {
            try body(Sink(descriptor: descriptor, path: path))
            guard fsync(descriptor) == 0 else { throw BundleError(.io, "cannot sync the file (errno \(errno))", path: path) }
        } catch {
            close(descriptor)
            throw error
        }
        close(descriptor)
        // link, not rename: an existing file at `path` is never replaced.
        guard link(temporary, path) == 0 else {
            throw BundleError(errno == EEXIST ? .alreadyExists : .io, "cannot move the file into place (errno \(errno))", path: path)
        }
    }
}
