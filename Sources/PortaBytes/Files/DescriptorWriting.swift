import Foundation

/// Writing to an open file descriptor until every byte is out, retrying when a signal
/// interrupts; the one loop every writer of files here uses.
public enum DescriptorWriting {
    /// Writes all of `bytes` to `descriptor`. Returns false on an error, with `errno` set.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
