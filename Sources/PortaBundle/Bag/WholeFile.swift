import Foundation

/// Writes a small file (a summary, a report) whole or not at all: into a hidden owner-only
/// file beside it, synced, then renamed into place over any earlier one, so a reader never
/// sees half of it.
public enum WholeFile {
    /// - Throws: ``BundleError`` `io` naming the file.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw BundleError(.io, "cannot write the file (errno \(errno))", path: path) }
        guard bytes.withUnsafeBytes({ DescriptorWriting.writeAll($0, to: descriptor) }) else {
            let failure = errno
            close(descriptor)
            throw BundleError(.io, "cannot write the file (errno \(failure))", path: path)
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, path) == 0 else {
            throw BundleError(.io, "cannot move the file into place (errno \(errno))", path: path)
        }
    }
}
