import Foundation
import PortaBytes

/// Reads a file through a buffer: lines of bounded length (for a header) and then blocks of
/// exact size (for a payload). Short reads from the system are retried; fewer bytes than asked
/// mean the file ended.
final class ByteFileReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false

    /// - Throws: ``BundleError`` `io` naming the file.
    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BundleError(.io, "cannot read the file (\(SystemReason.current()))", path: path) }
    }

    deinit { close(descriptor) }

    /// The next line without its `\n`, or nil when the file ends first or the line is longer
    /// than `maximumLength`.
    func line(maximumLength: Int) -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                guard newline - start <= maximumLength else { return nil }
                defer { start = newline + 1 }
                return Array(buffer[start..<newline])
            }
            guard buffer.count - start <= maximumLength, fill() else { return nil }
        }
    }

    /// Up to `count` bytes: fewer only at the end of the file. What is buffered is taken
    /// first; the rest is read straight into the result.
    func bytes(_ count: Int) -> [UInt8] {
        let buffered = min(count, buffer.count - start)
        var result = [UInt8](repeating: 0, count: count)
        result.withUnsafeMutableBytes { target in
            buffer.withUnsafeBytes { source in
                target.baseAddress!.copyMemory(from: source.baseAddress! + start, byteCount: buffered)
            }
        }
        start += buffered
        var filled = buffered
        while filled < count && !ended {
            let read = result.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, count - filled) }
            if read < 0 && errno == EINTR { continue }
            if read <= 0 { ended = true } else { filled += read }
        }
        result.removeLast(count - filled)
        return result
    }

    /// Calls `body` with each block of `size` bytes to the end of the file, numbered from 0,
    /// saying whether it is the last: that block may be shorter, or empty when nothing is left.
    /// Reads one block ahead to know.
    func forEachBlock(of size: Int, _ body: (_ block: [UInt8], _ index: UInt64, _ isLast: Bool) throws -> Void) rethrows {
        var index: UInt64 = 0
        var block = bytes(size)
        while true {
            let next = block.count == size ? bytes(size) : []
            try body(block, index, next.isEmpty)
            if next.isEmpty { return }
            block = next
            index += 1
        }
    }

    /// Reads more into the buffer; false at the end of the file or on an error.
    private func fill() -> Bool {
        if ended { return false }
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 17)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                ended = true
                return false
            }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }
}
