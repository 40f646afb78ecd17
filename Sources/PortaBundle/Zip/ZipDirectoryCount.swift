import Foundation

/// How many entries a zip's end of central directory record says it holds (the zip64 record's
/// count when the classic one says 0xFFFF), read from the file's last 64 KiB + 22 bytes. The
/// unzipper holds the entries it could read to this count, so an entry the zip library cannot
/// read (an encrypted one, a damaged header) cannot silently hide every entry after it.
enum ZipDirectoryCount {
    /// The declared count, or nil when no end record is found.
    static func declared(in path: String) -> UInt64? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        let window = min(size, 65_535 + 22)
        guard (try? handle.seek(toOffset: size - window)) != nil, let data = try? handle.read(upToCount: Int(window)) else { return nil }
        let bytes = [UInt8](data)
        guard bytes.count >= 22 else { return nil }
        for start in stride(from: bytes.count - 22, through: 0, by: -1)
        where bytes[start] == 0x50 && bytes[start + 1] == 0x4B && bytes[start + 2] == 0x05 && bytes[start + 3] == 0x06 {
            let total = UInt64(bytes[start + 10]) | UInt64(bytes[start + 11]) << 8
            guard total == 0xFFFF else { return total }
            // The zip64 end record's locator sits just before the classic record.
            guard start >= 20, bytes[start - 20] == 0x50, bytes[start - 19] == 0x4B, bytes[start - 18] == 0x06, bytes[start - 17] == 0x07 else {
                return nil
            }
            let recordOffset = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[start - 12 + $1]) << (8 * UInt64($1)) }
            guard (try? handle.seek(toOffset: recordOffset)) != nil, let record = try? handle.read(upToCount: 56), record.count == 56 else {
                return nil
            }
            let fields = [UInt8](record)
            guard fields[0] == 0x50, fields[1] == 0x4B, fields[2] == 0x06, fields[3] == 0x06 else { return nil }
            return (0..<8).reduce(UInt64(0)) { $0 | UInt64(fields[32 + $1]) << (8 * UInt64($1)) }
        }
        return nil
    }
}
