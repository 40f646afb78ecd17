import Foundation

/// A file that appears under its name only when complete: bytes go to a hidden owner-only
/// file beside the destination, which is synced and moved into place when the writing closure
/// returns, and removed when it throws. The one way every whole file here is written (small
/// ones through ``WholeFile``, zips, sealed and opened files, keys).
public enum PendingFile {
    /// Where the pieces go.
    public struct Sink {
        let descriptor: Int32
        /// The destination, which errors name.
        let path: String
        /// The hidden file being written, for a writer that must open it by path itself (a
        /// zip library); it is synced and moved into place after the closure returns.
        public let temporaryPath: String

        public func append(_ bytes: some ContiguousBytes) throws {
            guard bytes.withUnsafeBytes({ DescriptorWriting.writeAll($0, to: descriptor) }) else {
                throw FileWriteError(.io, "cannot write the file (\(SystemReason.current()))", path: path)
            }
        }
    }

    /// Runs `body` with a sink into a new file that becomes `path` when `body` returns. With
    /// `replacing` an existing file at `path` is replaced whole; without, it is never touched
    /// (``FileWriteError`` `already-exists`).
    /// - Throws: ``FileWriteError`` naming the file, or whatever `body` throws.
    public static func write(to path: String, replacing: Bool = false, _ body: (Sink) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial-"
            + String(UInt64.random(in: .min ... .max), radix: 16)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileWriteError(.io, "cannot write the file (\(SystemReason.current()))", path: path) }
        defer { unlink(temporary) }
        do {
            try body(Sink(descriptor: descriptor, path: path, temporaryPath: temporary))
            guard fsync(descriptor) == 0 else { throw FileWriteError(.io, "cannot sync the file (\(SystemReason.current()))", path: path) }
        } catch {
            close(descriptor)
            throw error
        }
        close(descriptor)
        // Without replacing, link rather than rename: an existing file at `path` stays.
        guard (replacing ? rename(temporary, path) : link(temporary, path)) == 0 else {
            throw FileWriteError(errno == EEXIST ? .alreadyExists : .io, "cannot move the file into place (\(SystemReason.current()))", path: path)
        }
    }
}
