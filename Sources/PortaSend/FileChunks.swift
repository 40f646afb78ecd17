import Foundation
import NIOCore

/// A file read as an async sequence of 64 KiB buffers, so an upload never holds the file in
/// memory whole. Each iteration opens the file anew.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let path: String

    struct Iterator: AsyncIteratorProtocol {
        let descriptor: FileDescriptorBox

        mutating func next() async throws -> ByteBuffer? {
            var buffer = ByteBuffer()
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 64 << 10) { space in
                let read = Foundation.read(descriptor.value, space.baseAddress, space.count)
                guard read >= 0 else { throw CocoaError(.fileReadUnknown) }
                return read
            }
            if count == 0 {
                descriptor.close()
                return nil
            }
            return buffer
        }
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(descriptor: FileDescriptorBox(open(path, O_RDONLY | O_CLOEXEC)))
    }
}

/// An open file, closed when the reading ends or the iterator goes away.
final class FileDescriptorBox: @unchecked Sendable {
    private(set) var value: Int32

    init(_ value: Int32) { self.value = value }

    func close() {
        if value >= 0 { Foundation.close(value) }
        value = -1
    }

    deinit { close() }
}
