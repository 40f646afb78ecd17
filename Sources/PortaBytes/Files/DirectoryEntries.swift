import Foundation

/// The entries of an open directory, by their names' bytes as the file system keeps them
/// (a name need not be UTF-8), without `.` and `..`.
public enum DirectoryEntries {
    /// Calls `body` with each entry name `readdir` gives from `directory`.
    public static func forEachName<Failure: Error>(in directory: OpaquePointer,
                                                   _ body: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            try body(name)
        }
    }
}
