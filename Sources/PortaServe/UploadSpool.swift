import Crypto
import Foundation
import NIOCore
import PortaBytes

/// The folder where uploads land while they arrive: each body is streamed into its own
/// owner-only file, hashed as it goes, and held to the size limit. Nothing is kept in memory
/// whole. A file is removed when its upload has been judged, when it breaks off, or when it
/// passes the limit; a server killed meanwhile leaves files that the next start removes.
struct UploadSpool: Sendable {
    /// A whole upload on disk.
    struct Upload: Sendable {
        let path: String
        /// SHA-256 of the body, hex.
        let sha256: String
        let bytes: Int

        func remove() { unlink(path) }
    }

    /// How an upload ended.
    enum Received: Sendable {
        case complete(Upload)
        /// The body passed `limit` bytes; what had arrived is gone.
        case tooLarge(receivedBytes: Int)
    }

    let folder: String
    let limit: Int

    /// Makes the spool folder (owner-only) and removes what a killed server left in it.
    /// - Throws: ``ServeError`` `spool` when the folder cannot be made or is not owner-only.
    init(folder: String, limit: Int) throws(ServeError) {
        self.folder = folder
        self.limit = limit
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            chmod(folder, 0o700)
            for name in try manager.contentsOfDirectory(atPath: folder) where name.hasSuffix(".upload") {
                unlink(folder + "/" + name)
            }
        } catch {
            throw ServeError(.spool, path: folder, message: "the spool folder cannot be made or read (\(error.localizedDescription))", cause: error)
        }
    }

    /// Streams `body` into a new file.
    /// - Throws: ``ServeError`` `spool` when the file cannot be written, or whatever reading the
    ///   body throws (a connection that broke off); the file is then removed.
    func receive<Body: AsyncSequence>(_ body: Body) async throws -> Received where Body.Element == ByteBuffer {
        let path = folder + "/" + String(UInt64.random(in: .min ... .max), radix: 16) + ".upload"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ServeError(.spool, path: folder, message: "cannot make an upload file (\(SystemReason.current()))")
        }
        var hash = SHA256()
        var bytes = 0
        do {
            defer { close(descriptor) }
            for try await buffer in body {
                bytes += buffer.readableBytes
                if bytes > limit {
                    unlink(path)
                    return .tooLarge(receivedBytes: bytes)
                }
                let written = buffer.withUnsafeReadableBytes { chunk in
                    hash.update(bufferPointer: chunk)
                    return DescriptorWriting.writeAll(chunk, to: descriptor)
                }
                guard written else {
                    throw ServeError(.spool, path: folder, message: "cannot write an upload file (\(SystemReason.current()))")
                }
            }
        } catch {
            unlink(path)
            throw error
        }
        return .complete(Upload(path: path, sha256: Hex.lowercase(Array(hash.finalize())), bytes: bytes))
    }
}
