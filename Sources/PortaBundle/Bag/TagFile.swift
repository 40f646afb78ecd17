import Foundation

/// A tag file or manifest of a bag, read strictly: a regular file (never through a symlink),
/// UTF-8, split into lines ended by LF, CR LF or CR as RFC 8493 §2 allows.
public struct TagFile {
    /// The path relative to the bag.
    public let path: String
    /// The lines, without their endings.
    public let lines: [String]
    /// Whether the file starts with a byte order mark (which RFC 8493 forbids).
    public let hasByteOrderMark: Bool

    /// Why a tag file could not be read.
    public enum Problem: Error, Sendable, Equatable {
        case missing
        case notRegularFile
        case unreadable
        case notUTF8
        /// Larger than the bound for its role, in bytes.
        case tooLarge(limit: Int)

        public var message: String {
            switch self {
            case .missing: "file is missing"
            case .notRegularFile: "is not a regular file (a symlink, folder or device)"
            case .unreadable: "file cannot be read"
            case .notUTF8: "file is not valid UTF-8"
            case .tooLarge(let limit): "file is larger than the \(TagFile.describe(limit)) a file of its role may be"
            }
        }
    }

    /// The largest tag file read (a manifest of about two million files): a hostile bag must
    /// not make the verifier read gigabytes into memory.
    public static let maximumSize = 256 << 20

    /// The bound of `bagit.txt`: two short lines.
    public static let declarationMaximumSize = 4 << 10
    /// The bound of `bag-info.txt`: a few dozen labels, in kilobytes.
    public static let bagInfoMaximumSize = 64 << 10

    /// A size for a message: bytes, KiB or MiB.
    static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }

    /// The character encodings a bag's `Tag-File-Character-Encoding` may name that Porta reads.
    public enum Encoding: Sendable, Equatable {
        case utf8
        /// ISO-8859-1, which BagIt 0.97 bags often declare.
        case latin1

        /// The encoding an IANA name stands for (`UTF-8`, `ISO-8859-1`, `US-ASCII`, in any case), or nil.
        public init?(name: String) {
            switch name.uppercased() {
            case "UTF-8", "UTF8", "US-ASCII", "ASCII": self = .utf8
            case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "ISO_8859-1": self = .latin1
            default: return nil
            }
        }
    }

    /// Reads `path` inside `bag`, refusing one larger than `maximumSize`; its text in `encoding`.
    public static func read(_ path: String, in bag: String, maximumSize: Int = TagFile.maximumSize,
                            encoding: Encoding = .utf8) -> Result<TagFile, Problem> {
        var bytes: [UInt8]
        switch readBytes(path, in: bag, maximumSize: maximumSize) {
        case .failure(let problem): return .failure(problem)
        case .success(let read): bytes = read
        }
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { bytes.removeFirst(3) }
        let decoded = encoding == .latin1 ? String(bytes.map { Character(Unicode.Scalar($0)) })
            : String(validating: bytes, as: UTF8.self)
        guard let text = decoded else { return .failure(.notUTF8) }
        var lines: [String] = []
        var current = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { lines.append(current); current = "" }
                previousWasCR = false
            } else if scalar == "\r" {
                lines.append(current); current = ""
                previousWasCR = true
            } else {
                current.unicodeScalars.append(scalar)
                previousWasCR = false
            }
        }
        if !current.isEmpty { lines.append(current) }
        return .success(TagFile(path: path, lines: lines, hasByteOrderMark: bom))
    }

    /// The bytes of the regular file `path` inside `bag`, never through a symlink, and only
    /// when it is at most `maximumSize` bytes.
    public static func readBytes(_ path: String, in bag: String, maximumSize: Int) -> Result<[UInt8], Problem> {
        let descriptor = open(bag + "/" + path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            return .failure(errno == ENOENT ? .missing : errno == ELOOP ? .notRegularFile : .unreadable)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegularFile) }
        guard info.st_size <= maximumSize else { return .failure(.tooLarge(limit: maximumSize)) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, $0.count - filled) as Int }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return .failure(.unreadable) }
            filled += count
        }
        return .success(bytes)
    }
}
