import Crypto
import Foundation
import PortaBytes
import PortaFormats

/// A new file, created owner-only, that hashes (SHA-256) and counts every byte written to it,
/// so a bag's manifest needs no second read of its payload.
public final class HashingFileSink: ByteSink {
    /// The file's path.
    public let path: String
    private var descriptor: Int32
    private var hasher = SHA256()
    /// Bytes written so far.
    public private(set) var byteCount: Int64 = 0

    /// Creates the file; it must not exist, and a symlink in its place is refused.
    /// - Throws: ``BundleError`` with code `io`.
    public init(creating path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw BundleError(.io, "cannot create file: \(String(cString: strerror(errno)))", path: path)
        }
    }

    deinit { if descriptor >= 0 { _ = Foundation.close(descriptor) } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
        byteCount += Int64(bytes.count)
        guard DescriptorWriting.writeAll(bytes, to: descriptor) else {
            throw BundleError(.io, "cannot write: \(String(cString: strerror(errno)))", path: path)
        }
    }

    /// Flushes the file to disk, closes it and returns its size and SHA-256.
    public func close() throws -> (bytes: Int64, sha256: String) {
        defer { descriptor = -1 }
        let synced = fsync(descriptor) == 0
        let syncError = errno
        let closed = Foundation.close(descriptor) == 0
        guard synced, closed else {
            throw BundleError(.io, "cannot finish file: \(String(cString: strerror(synced ? errno : syncError)))", path: path)
        }
        return (byteCount, hasher.finalize().hex)
    }
}
