import Foundation
import PortaBundle
import PortaBytes

/// A copy of a bundle folder in the scratch folder, made before anything is verified, so that
/// what is imported is exactly what was verified: whatever changes the original folder while
/// it is checked (a writer still at work, or a hostile one) cannot reach the store.
///
/// The copy keeps names byte for byte (a name that is not UTF-8 is still reported by the bag
/// level) and follows no link: a symbolic link or anything but files and folders refuses the
/// folder, with the finding the bag level gives it. Files and folders are made owner-only.
enum FolderSnapshot {
    /// Why a folder could not be copied: the finding, or an error of the machine.
    enum Failure: Error {
        case refused(Finding)
        case system(String)
    }

    /// Copies the folder at `source` to `destination`, which must not exist.
    static func copy(_ source: String, to destination: String) throws(Failure) {
        let from = open(source, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard from >= 0 else { throw .system("the bundle folder cannot be opened (\(SystemReason.current()))") }
        defer { close(from) }
        guard mkdir(destination, 0o700) == 0 else { throw .system("the scratch copy cannot be made (\(SystemReason.current()))") }
        let to = open(destination, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard to >= 0 else { throw .system("the scratch copy cannot be opened (\(SystemReason.current()))") }
        defer { close(to) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        try copyFolder(from, to: to, relative: "", buffer: &buffer)
    }

    private static func copyFolder(_ from: Int32, to: Int32, relative: String, buffer: inout [UInt8]) throws(Failure) {
        let listing = dup(from)
        guard listing >= 0, let directory = fdopendir(listing) else {
            throw .system("a folder of the bundle cannot be listed (\(SystemReason.current()))")
        }
        defer { closedir(directory) }
        try DirectoryEntries.forEachName(in: directory) { bytes throws(Failure) in
            let name = bytes.map { CChar(bitPattern: $0) } + [0]
            let shown = relative + String(decoding: bytes, as: UTF8.self)
            var info = stat()
            guard fstatat(from, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                throw .system("a file of the bundle cannot be examined (\(SystemReason.current()))")
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard mkdirat(to, name, 0o700) == 0 else { throw .system("the scratch copy cannot be made (\(SystemReason.current()))") }
                let child = openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                let childCopy = openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                defer { if child >= 0 { close(child) }; if childCopy >= 0 { close(childCopy) } }
                guard child >= 0, childCopy >= 0 else { throw .system("a folder of the bundle cannot be opened (\(SystemReason.current()))") }
                try copyFolder(child, to: childCopy, relative: shown + "/", buffer: &buffer)
            case S_IFREG:
                try copyFile(name, from: from, to: to, buffer: &buffer)
            case S_IFLNK:
                throw .refused(Finding(level: 1, code: .symlink, path: shown, message: "is a symbolic link, which a bundle must not hold"))
            default:
                throw .refused(Finding(level: 1, code: .specialFile, path: shown,
                                       message: "is neither a file nor a folder (a device, a pipe or a socket)"))
            }
        }
    }

    private static func copyFile(_ name: [CChar], from: Int32, to: Int32, buffer: inout [UInt8]) throws(Failure) {
        let input = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard input >= 0 else { throw .system("a file of the bundle cannot be read (\(SystemReason.current()))") }
        defer { close(input) }
        let output = openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw .system("the scratch copy cannot be written (\(SystemReason.current()))") }
        defer { close(output) }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw .system("a file of the bundle cannot be read (\(SystemReason.current()))") }
            if count == 0 { return }
            let written = buffer.withUnsafeBytes { DescriptorWriting.writeAll(UnsafeRawBufferPointer(rebasing: $0[..<count]), to: output) }
            guard written else { throw .system("the scratch copy cannot be written (\(SystemReason.current()))") }
        }
    }
}
