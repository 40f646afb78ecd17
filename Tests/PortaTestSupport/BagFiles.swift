import Foundation

/// Small edits to files of a bag, for tests that break bundles on purpose.
public enum BagFiles {
    /// Flips the bits of one byte of a file.
    public static func flipByte(of path: String, at offset: Int = 0) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[offset] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Replaces text in a file.
    public static func replace(_ old: String, with new: String, in path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        precondition(text.contains(old), "\(old) not in \(path)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Writes text to a file, creating folders on the way.
    public static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Every file under a folder, by relative path, with its bytes.
    public static func contents(of folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return result }
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isFolder)
            if !isFolder.boolValue { result[relative] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative)) }
        }
        return result
    }
}

extension BagFiles {
    /// Appends text, as UTF-8, to the end of a file (whatever the file's own encoding).
    public static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// The number of LF-terminated lines of a file.
    public static func lineCount(of path: String) throws -> Int {
        try String(contentsOfFile: path, encoding: .utf8).filter { $0 == "\n" }.count
    }

    /// Rewrites the `Payload-Oxum` line of a bag's `bag-info.txt`.
    public static func setPayloadOxum(_ value: String, inBag bag: String) throws {
        let path = bag + "/bag-info.txt"
        let info = try String(contentsOfFile: path, encoding: .utf8)
        guard let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Payload-Oxum: ") }) else {
            preconditionFailure("no Payload-Oxum in \(path)")
        }
        try replace(String(line), with: "Payload-Oxum: \(value)", in: path)
    }
}
