import Foundation

/// Reads a zip's central directory itself and holds every entry's local header to it, before
/// the zip library unpacks anything.
///
/// The zip library trusts the central directory and reads data from where it points. A tool
/// that reads local headers instead (a streaming unzipper) would see another zip when the two
/// disagree, so porta/1 refuses such a zip, as Python's `zipfile` does:
/// - an entry flagged as encrypted (it would otherwise stop the library and hide every entry
///   after it);
/// - a local header with another name, another size, or no header where the directory points;
/// - an entry whose data would run past the central directory, or a directory past the file.
///
/// Every size and offset is read as an unsigned integer and compared, never added, before it
/// is known to lie inside the file, so no header value can overflow the arithmetic.
enum ZipDirectoryCheck {
    /// One entry as its central directory record describes it.
    struct Record {
        let name: [UInt8]
        let packedSize: UInt64
        let size: UInt64
        let localHeaderOffset: UInt64
    }

    /// The most bytes a central directory may take: 200 000 entries of 300-byte names fit.
    static let maximumDirectoryBytes: UInt64 = 64 << 20

    /// Checks the zip at `path` and returns how many entries its central directory holds, or
    /// nil when it has no end record (the zip library then decides what the file is).
    static func check(_ path: String, limits: ZipLimits) throws(SafeUnzip.Refusal) -> UInt64? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let fileSize = try? handle.seekToEnd() else { return nil }
        guard let end = endRecord(handle, fileSize: fileSize) else { return nil }
        guard end.directorySize <= maximumDirectoryBytes, end.directoryOffset <= fileSize,
              end.directorySize <= fileSize - end.directoryOffset else {
            throw .init(.zipSizeOutOfRange, nil, "the zip's central directory lies outside the file")
        }
        let directory = read(handle, at: end.directoryOffset, count: Int(end.directorySize))
        guard directory.count == Int(end.directorySize) else { throw .init(.badZip, nil, "the zip's central directory cannot be read") }
        var count = 0
        var at = 0
        while at + 46 <= directory.count, directory.uint32(at) == 0x0201_4B50 {
            guard count < limits.maximumEntries else {
                throw .init(.zipTooManyEntries, nil, "the zip has more than \(limits.maximumEntries) entries")
            }
            let record = try centralRecord(directory, at: &at)
            try checkLocalHeader(of: record, handle, dataEnd: end.directoryOffset)
            count += 1
        }
        guard UInt64(count) == end.entries else {
            throw .init(.zipEntryUnreadable, nil, "the zip declares \(end.entries) entries, but its central directory "
                        + "holds \(count) that can be read; the zip is refused whole")
        }
        return end.entries
    }

    /// Reads one central directory record at `at` and moves past it.
    private static func centralRecord(_ bytes: [UInt8], at: inout Int) throws(SafeUnzip.Refusal) -> Record {
        let nameLength = Int(bytes.uint16(at + 28)), extraLength = Int(bytes.uint16(at + 30))
        let commentLength = Int(bytes.uint16(at + 32))
        let nameStart = at + 46, extraStart = nameStart + nameLength, next = extraStart + extraLength + commentLength
        guard next <= bytes.count else { throw .init(.badZip, nil, "a central directory record runs past the directory's end") }
        let name = Array(bytes[nameStart..<extraStart])
        let shownName = FormatSafeName.of(String(decoding: name, as: UTF8.self))
        try refuseEncryption(flags: bytes.uint16(at + 8), shownName: shownName)
        var fields = Zip64Fields(extra: Array(bytes[extraStart..<(extraStart + extraLength)]))
        let size = fields.resolve(UInt64(bytes.uint32(at + 24)))
        let packedSize = fields.resolve(UInt64(bytes.uint32(at + 20)))
        let offset = fields.resolve(UInt64(bytes.uint32(at + 42)))
        guard let size, let packedSize, let offset else {
            throw .init(.badZip, shownName, "entry's header says its size is in a zip64 field that is missing")
        }
        at = next
        return Record(name: name, packedSize: packedSize, size: size, localHeaderOffset: offset)
    }

    /// Holds the local header `record` points to to what the central directory says.
    private static func checkLocalHeader(of record: Record, _ handle: FileHandle, dataEnd: UInt64) throws(SafeUnzip.Refusal) {
        let shownName = FormatSafeName.of(String(decoding: record.name, as: UTF8.self))
        guard record.localHeaderOffset <= dataEnd, dataEnd - record.localHeaderOffset >= 30 else {
            throw .init(.zipSizeOutOfRange, shownName, "entry's local header would lie past the end of the zip's data")
        }
        let head = read(handle, at: record.localHeaderOffset, count: 30)
        guard head.count == 30, head.uint32(0) == 0x0403_4B50 else {
            throw .init(.zipHeaderMismatch, shownName, "the central directory points to no local header for this entry")
        }
        let nameLength = UInt64(head.uint16(26)), extraLength = UInt64(head.uint16(28))
        let headerEnd = record.localHeaderOffset + 30 + nameLength + extraLength
        guard headerEnd <= dataEnd, record.packedSize <= dataEnd - headerEnd else {
            throw .init(.zipSizeOutOfRange, shownName, "entry's data would run past the end of the zip's data")
        }
        let rest = read(handle, at: record.localHeaderOffset + 30, count: Int(nameLength + extraLength))
        guard Array(rest.prefix(Int(nameLength))) == record.name else {
            throw .init(.zipHeaderMismatch, shownName, "entry's local header names another file than the central directory")
        }
        try refuseEncryption(flags: head.uint16(6), shownName: shownName)
        // With bit 3 set the sizes follow the data in a descriptor, and the header's are zero.
        guard head.uint16(6) & 0x0008 == 0 else { return }
        var fields = Zip64Fields(extra: Array(rest.dropFirst(Int(nameLength))))
        let size = fields.resolve(UInt64(head.uint32(22))), packedSize = fields.resolve(UInt64(head.uint32(18)))
        guard size == record.size, packedSize == record.packedSize else {
            throw .init(.zipHeaderMismatch, shownName, "entry's local header gives another size than the central directory")
        }
    }

    /// Refuses an entry whose general-purpose flags say it is encrypted, in either header.
    private static func refuseEncryption(flags: UInt16, shownName: String?) throws(SafeUnzip.Refusal) {
        // Bit 0: traditional encryption; bit 6: strong encryption; bit 13: the directory itself encrypted.
        guard flags & 0x2041 == 0 else {
            throw .init(.zipEncrypted, shownName, "entry is encrypted; a bundle's files must be readable by anyone it is given to")
        }
    }

    /// What the end of central directory record (or its zip64 successor) says.
    private struct EndRecord {
        let entries: UInt64
        let directorySize: UInt64
        let directoryOffset: UInt64
    }

    /// Finds the end record in the file's last 64 KiB + 22 bytes.
    private static func endRecord(_ handle: FileHandle, fileSize: UInt64) -> EndRecord? {
        let window = min(fileSize, 65_535 + 22)
        let bytes = read(handle, at: fileSize - window, count: Int(window))
        guard bytes.count >= 22 else { return nil }
        for start in stride(from: bytes.count - 22, through: 0, by: -1) where bytes.uint32(start) == 0x0605_4B50 {
            let classic = EndRecord(entries: UInt64(bytes.uint16(start + 10)), directorySize: UInt64(bytes.uint32(start + 12)),
                                    directoryOffset: UInt64(bytes.uint32(start + 16)))
            let needsZip64 = classic.entries == 0xFFFF || classic.directorySize == 0xFFFF_FFFF || classic.directoryOffset == 0xFFFF_FFFF
            guard needsZip64 else { return classic }
            // The zip64 end record's locator sits just before the classic record.
            guard start >= 20, bytes.uint32(start - 20) == 0x0706_4B50 else { return classic }
            let record = read(handle, at: bytes.uint64(start - 12), count: 56)
            guard record.count == 56, record.uint32(0) == 0x0606_4B50 else { return classic }
            return EndRecord(entries: record.uint64(32), directorySize: record.uint64(40), directoryOffset: record.uint64(48))
        }
        return nil
    }

    private static func read(_ handle: FileHandle, at offset: UInt64, count: Int) -> [UInt8] {
        guard count > 0, (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.read(upToCount: count) else { return [] }
        return [UInt8](data)
    }
}

/// The zip64 extended information field of an extra field: each 8-byte value stands in, in
/// order, for a header field that holds all ones.
private struct Zip64Fields {
    private var values: [UInt64] = []
    private var next = 0

    init(extra: [UInt8]) {
        var at = 0
        while at + 4 <= extra.count {
            let id = extra.uint16(at), length = Int(extra.uint16(at + 2))
            guard at + 4 + length <= extra.count else { return }
            if id == 0x0001 {
                values = stride(from: at + 4, to: at + 4 + length - 7, by: 8).map { extra.uint64($0) }
                return
            }
            at += 4 + length
        }
    }

    /// The header's value, or the next zip64 value when the header's is all ones (nil when
    /// there is none).
    mutating func resolve(_ headerValue: UInt64) -> UInt64? {
        guard headerValue == 0xFFFF_FFFF else { return headerValue }
        guard next < values.count else { return nil }
        defer { next += 1 }
        return values[next]
    }
}

private extension Array where Element == UInt8 {
    func uint16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    func uint32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(self[at + $1]) << (8 * UInt32($1)) } }
    func uint64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(self[at + $1]) << (8 * UInt64($1)) } }
}
