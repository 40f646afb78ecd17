import Dispatch
import Foundation

/// Hashes a file with the algorithms it needs, read once in 1 MiB blocks through a descriptor
/// opened without following symlinks. (``VerificationRun`` spreads the files over the cores.)
public enum FileHashing {
    /// The digests of the file at `path`, read without following a symlink, or nil when it
    /// cannot be read.
    public static func digest(of path: String, algorithms: Set<HashAlgorithm>) -> [HashAlgorithm: String]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = MultiHasher(algorithms)
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, size)
            if count < 0 { if errno == EINTR { continue }; return nil }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize()
    }
}
