import Foundation
import PortaBytes
import ZIPFoundation

/// Unpacks a zipped bundle into an owner-only folder, refusing anything that could reach
/// outside it or exhaust the machine.
///
/// Every entry's name is checked before anything is written: valid UTF-8, relative, `/` only,
/// no `..`, `.` or empty segment, no drive letter or backslash, no NUL, and no two names the
/// same after Unicode normalisation and case folding (NFC/NFD twins, and `A.json` beside
/// `a.json`, would overwrite each other on macOS or Windows). Symbolic links are refused, never created; files are written 0600 with
/// `O_EXCL | O_NOFOLLOW` into folders made 0700, whatever the zip says. Sizes are counted as
/// bytes arrive, against ``ZipLimits``. The first problem stops the unzipping: a hostile zip
/// is refused whole, and the caller removes the folder.
public enum SafeUnzip {
    /// Why a zip was refused: a code (`zip-unsafe-path`, `zip-bomb`, …), the entry's name when
    /// it is harmless to show, and what is wrong.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let code: FindingCode
        public let path: String?
        public let message: String
        init(_ code: FindingCode, _ path: String?, _ message: String) {
            self.code = code
            self.path = path
            self.message = message
        }

        public var description: String { (path.map { $0 + ": " } ?? "") + message + " [\(code)]" }
    }

    /// Whether the file at `path` starts like a zip (a local file header or an empty archive).
    public static func looksLikeZip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)).map { [UInt8]($0) } ?? []
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }

    /// Unpacks `zip` into `folder` (which must exist and be empty) and returns the bag's root
    /// inside it: the folder itself, or the one folder every entry is in. With `tagFiles`,
    /// only those files at the bag's root are written (every name is checked all the same).
    public static func unpack(_ zip: String, into folder: String, limits: ZipLimits,
                              tagFiles: Set<String>? = nil) throws(Refusal) -> String {
        let declared = try ZipDirectoryCheck.check(zip, limits: limits)
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: zip), accessMode: .read, pathEncoding: .utf8) } catch {
            throw Refusal(.badZip, nil, "the file is not a zip that can be read")
        }
        var names: Set<String> = []
        var entries: [(Entry, String)] = []
        for entry in archive {
            guard entries.count < limits.maximumEntries else {
                throw Refusal(.zipTooManyEntries, nil, "the zip has more than \(limits.maximumEntries) entries")
            }
            let name = entry.path(using: .utf8)
            guard !name.isEmpty else { throw Refusal(.zipNameNotUTF8, nil, "an entry's name is not valid UTF-8") }
            let trimmed = name.hasSuffix("/") && entry.type == .directory ? String(name.dropLast()) : name
            if let problem = BagPath.problem(with: trimmed) {
                throw Refusal(.zipUnsafePath, FormatSafeName.of(name), "entry would be written outside the bundle: \(problem)")
            }
            if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw Refusal(.zipUnsafePath, nil, "an entry's name holds a control character")
            }
            guard entry.type != .symlink else {
                throw Refusal(.zipSymlink, FormatSafeName.of(name), "entry is a symbolic link; bundles must not hold links")
            }
            // Swift compares strings by canonical equivalence, so NFC/NFD twins are equal; case
            // is folded too, as macOS and Windows fold it ("ß" and "SS" meet at "ss").
            guard names.insert(trimmed.uppercased().lowercased()).inserted else {
                throw Refusal(.zipNameCollision, FormatSafeName.of(name),
                              "two entries have names that are the same after Unicode normalisation and case folding, "
                              + "and would unpack one over the other on macOS or Windows")
            }
            entries.append((entry, trimmed))
        }
        // The zip library stops at an entry it cannot read (a header it cannot parse) as if the
        // zip ended there: every entry the zip declares must have been read.
        if let declared, declared != UInt64(entries.count) {
            throw Refusal(.zipEntryUnreadable, nil, "the zip declares \(declared) entries, but only \(entries.count) can be read "
                          + "(a damaged header); the zip is refused whole")
        }
        let root = root(of: folder, names: entries.map(\.1))
        // The packed bytes an entry can have come from are at most the zip's own size, whatever
        // its header claims: the ratio is held to that, so a claimed size cannot lift the bound.
        var info = stat()
        let zipSize = stat(zip, &info) == 0 ? max(Int64(info.st_size), 1) : 1
        var total: Int64 = 0
        for (entry, name) in entries {
            if let tagFiles {
                let relative = root == folder ? name : String(name.dropFirst(root.count - folder.count))
                guard entry.type == .file, tagFiles.contains(relative) else { continue }
            }
            try makeParents(of: name, in: folder, includingLast: entry.type == .directory)
            guard entry.type == .file else { continue }
            try write(entry, of: archive, to: folder + "/" + name, name: name, total: &total, zipSize: zipSize, limits: limits)
        }
        return root
    }

    private static func write(_ entry: Entry, of archive: Archive, to path: String, name: String,
                              total: inout Int64, zipSize: Int64, limits: ZipLimits) throws(Refusal) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Refusal(.zipUnsafePath, name, "entry cannot be written where it belongs") }
        defer { close(descriptor) }
        // Header sizes are the zip's claims: a zip64 field may say 2^64 - 1. They are checked
        // before any arithmetic; the bytes actually unpacked are what the limits are held to.
        guard let claimedPacked = Int64(exactly: entry.compressedSize),
              let claimedSize = Int64(exactly: entry.uncompressedSize) else {
            throw Refusal(.zipSizeOutOfRange, name, "entry's header claims a size beyond what the limits allow")
        }
        let packed = max(min(claimedPacked, zipSize), 1)
        var written: Int64 = 0
        var refusal: Refusal?
        var runningTotal = total
        do {
            let checksum = try archive.extract(entry, skipCRC32: false) { data in
                written += Int64(data.count)
                runningTotal += Int64(data.count)
                if runningTotal > limits.maximumTotalBytes {
                    refusal = Refusal(.zipBomb, name, "the zip unpacks to more than \(limits.maximumTotalBytes) bytes")
                } else if (written > limits.ratioFloor && written / packed > limits.maximumRatio)
                            || (runningTotal > limits.ratioFloor && runningTotal / zipSize > limits.maximumRatio) {
                    refusal = Refusal(.zipBomb, name, "entry unpacks more than \(limits.maximumRatio) times its packed size")
                }
                if let refusal { throw refusal }
                guard data.withUnsafeBytes({ DescriptorWriting.writeAll($0, to: descriptor) }) else {
                    throw Refusal(.unpackFailed, name, "entry cannot be written (\(SystemReason.current()))")
                }
            }
            if checksum != entry.checksum { throw Refusal(.zipChecksumMismatch, name, "entry's CRC-32 does not match its contents: the zip is damaged") }
        } catch let error as Refusal {
            throw error
        } catch {
            throw refusal ?? Refusal(.badZip, name, "entry cannot be unpacked: the zip is damaged")
        }
        if written != claimedSize {
            throw Refusal(.zipSizeMismatch, name, "entry unpacks to a different size than its header says")
        }
        total = runningTotal
    }

    /// Makes the folders on the way to `name` (0700), refusing to pass through anything but a folder.
    private static func makeParents(of name: String, in folder: String, includingLast: Bool) throws(Refusal) {
        var segments = name.split(separator: "/").map(String.init)
        if !includingLast { segments.removeLast() }
        var path = folder
        for segment in segments {
            path += "/" + segment
            if mkdir(path, 0o700) != 0 {
                var info = stat()
                guard errno == EEXIST, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                    throw Refusal(.zipUnsafePath, name, "entry's folder cannot be made (a file of the same name is in the way)")
                }
            }
        }
    }

    /// The bag's root: the folder every entry is in, when there is one and no `bagit.txt` at the top.
    private static func root(of folder: String, names: [String]) -> String {
        guard !names.contains(BundleLayout.declaration), let first = names.first?.split(separator: "/").first else { return folder }
        let top = String(first)
        let allInside = names.allSatisfy { $0 == top || $0.hasPrefix(top + "/") }
        return allInside ? folder + "/" + top : folder
    }
}

/// A name from a hostile input, shown only when it is plain enough to be harmless in a report.
enum FormatSafeName {
    static func of(_ name: String) -> String? {
        let plain = name.count <= 200 && name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }
        return plain ? name : nil
    }
}
