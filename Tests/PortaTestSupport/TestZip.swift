import Foundation
import ZIPFoundation

/// Zips for tests, well-formed or hostile, written with ZIPFoundation (which writes whatever
/// entry names and types it is given).
public enum TestZip {
    /// One entry to write.
    public enum Entry {
        case file(String, [UInt8])
        case symlink(String, target: String)
        case folder(String)
    }

    /// Writes a zip of `entries`, deflated, in the order given.
    public static func make(_ path: String, _ entries: [Entry]) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let date = Date(timeIntervalSince1970: 1_767_225_600)
        for entry in entries {
            switch entry {
            case .file(let name, let bytes):
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: date, compressionMethod: .deflate) { (position: Int64, size: Int) -> Data in
                    Data(bytes[Int(position)..<Int(position) + size])
                }
            case .symlink(let name, let target):
                let bytes = Array(target.utf8)
                try archive.addEntry(with: name, type: .symlink, uncompressedSize: Int64(bytes.count), modificationDate: date) { (position: Int64, size: Int) -> Data in
                    Data(bytes[Int(position)..<Int(position) + size])
                }
            case .folder(let name):
                try archive.addEntry(with: name, type: .directory, uncompressedSize: 0, modificationDate: date) { (_: Int64, _: Int) -> Data in Data() }
            }
        }
    }

    /// The files of a folder as entries under `prefix/`, sorted by path.
    public static func entries(of folder: String, under prefix: String) throws -> [Entry] {
        try BagFiles.contents(of: folder).sorted { $0.key < $1.key }.map { .file(prefix + "/" + $0.key, [UInt8]($0.value)) }
    }
}
