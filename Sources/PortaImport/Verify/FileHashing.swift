import Dispatch
import Foundation

/// Hashes many files with the algorithms each needs, on all cores, each file read once in
/// 1 MiB blocks through a descriptor opened without following symlinks.
enum FileHashing {
    /// The digests of each file, or nil for a file that could not be read.
    static func digests(of jobs: [(path: String, algorithms: Set<HashAlgorithm>)], in bag: String)
        -> [[HashAlgorithm: String]?] {
        let results = ResultSlots<[HashAlgorithm: String]?>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            results.set(index, digest(of: bag + "/" + job.path, algorithms: job.algorithms))
        }
        return results.values
    }

    static func digest(of path: String, algorithms: Set<HashAlgorithm>) -> [HashAlgorithm: String]? {
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

/// Result slots filled from concurrent work, one per index.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock(); defer { lock.unlock() }
        storage[index] = value
    }

    var values: [Value] {
        lock.lock(); defer { lock.unlock() }
        return storage.map { $0! }
    }
}
